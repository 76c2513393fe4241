import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { type WebhookEndpointIdInput, webhookEndpointIdSchema } from "@/lib/webhooks/webhook-schemas";

/** Deletes an endpoint with its deliveries and attempts (audited): an attempt in flight finds nothing to settle. */
export async function deleteWebhookEndpoint(rawInput: WebhookEndpointIdInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<void> {
  const input = webhookEndpointIdSchema.parse(rawInput);
  await db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: input.id }, select: { name: true, url: true, _count: { select: { deliveries: true } } } });
    if (!endpoint) throw new AppError("not_found", "That endpoint no longer exists.");
    await tx.webhookEndpoint.delete({ where: { id: input.id } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "webhook.endpoint_deleted",
      target: { type: "webhook_endpoint", id: input.id, label: endpoint.name },
      request,
      details: { url: endpoint.url, deliveriesDeleted: endpoint._count.deliveries },
    });
  });
}
