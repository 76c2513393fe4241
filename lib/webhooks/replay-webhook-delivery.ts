import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { recordJobEvents } from "@/lib/events/record-job-event";
import type { RequestContext } from "@/lib/http/request-context";
import { webhookDeliveryRequestedEvent } from "@/lib/webhooks/webhook-delivery-event";
import { type WebhookDeliveryIdInput, webhookDeliveryIdSchema } from "@/lib/webhooks/webhook-schemas";

/**
 * Sends a finished delivery (succeeded or failed) again: the same message id and body, so a receiver that
 * deduplicates on webhook-id can tell, with a fresh retry schedule. Its earlier attempts stay listed. Audited.
 */
export async function replayWebhookDelivery(rawInput: WebhookDeliveryIdInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<void> {
  const input = webhookDeliveryIdSchema.parse(rawInput);
  await db().$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: input.id }, select: { status: true, messageId: true, eventType: true, endpoint: { select: { id: true, name: true, enabled: true } } } });
    if (!delivery) throw new AppError("not_found", "That delivery no longer exists.");
    if (!delivery.endpoint.enabled) throw new AppError("conflict", "Enable the endpoint first: nothing is sent to a disabled endpoint.");
    const replayed = await tx.webhookDelivery.updateMany({ where: { id: input.id, status: { in: ["SUCCEEDED", "FAILED"] } }, data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), succeededAt: null } });
    if (replayed.count !== 1) throw new AppError("conflict", "This delivery is still queued: it is retried on its own.");
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "webhook.delivery_replayed",
      target: { type: "webhook_endpoint", id: delivery.endpoint.id, label: delivery.endpoint.name },
      request,
      details: { deliveryId: input.id, messageId: delivery.messageId, eventType: delivery.eventType, previousStatus: delivery.status },
    });
    await recordJobEvents(tx, webhookDeliveryRequestedEvent("replay"));
  });
  await forwardJobEvents();
}
