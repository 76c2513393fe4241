import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { assertWebhookUrl } from "@/lib/webhooks/assert-webhook-url";
import { type UpdateWebhookEndpointInput, updateWebhookEndpointSchema } from "@/lib/webhooks/webhook-schemas";

/** Changes an endpoint's name, URL and events, audited with what changed. Deliveries already queued keep their payloads. */
export async function updateWebhookEndpoint(rawInput: UpdateWebhookEndpointInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext, options: { sandbox: boolean }): Promise<void> {
  const input = updateWebhookEndpointSchema.parse(rawInput);
  assertWebhookUrl(input.url, options);
  await db().$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id: input.id }, select: { name: true, url: true, eventTypes: true } });
    if (!before) throw new AppError("not_found", "That endpoint no longer exists.");
    await tx.webhookEndpoint.update({ where: { id: input.id }, data: { name: input.name, url: input.url, eventTypes: input.eventTypes } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "webhook.endpoint_updated",
      target: { type: "webhook_endpoint", id: input.id, label: input.name },
      request,
      details: { url: input.url, eventTypes: input.eventTypes, ...(before.url !== input.url ? { previousUrl: before.url } : {}), previousEventTypes: before.eventTypes },
    });
  });
}
