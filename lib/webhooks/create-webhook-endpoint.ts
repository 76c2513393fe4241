import "server-only";
import { randomUUID } from "node:crypto";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { assertWebhookUrl } from "@/lib/webhooks/assert-webhook-url";
import { type CreateWebhookEndpointInput, createWebhookEndpointSchema } from "@/lib/webhooks/webhook-schemas";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/webhook-secrets";

export type CreatedWebhookEndpoint = { id: string; name: string; secret: string };

/**
 * Registers an endpoint with its audit event in one transaction and returns its signing secret this once: it is
 * stored sealed (the deliveries need it back), shown again never; the audit event names the URL and events only.
 */
export async function createWebhookEndpoint(rawInput: CreateWebhookEndpointInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext, options: { sandbox: boolean }): Promise<CreatedWebhookEndpoint> {
  const input = createWebhookEndpointSchema.parse(rawInput);
  assertWebhookUrl(input.url, options);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.create({ data: { id, name: input.name, url: input.url, eventTypes: input.eventTypes, sealedSecret: sealWebhookSecret(id, secret), createdById: actor.id } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "webhook.endpoint_created",
      target: { type: "webhook_endpoint", id, label: input.name },
      request,
      details: { url: input.url, eventTypes: input.eventTypes },
    });
  });
  return { id, name: input.name, secret };
}
