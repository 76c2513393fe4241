import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";

/** What a delivery that can no longer be sent says, for the console. */
export const DISABLED_ENDPOINT_ERROR = "Not sent: the endpoint was disabled. Replay it once the endpoint is enabled again.";

/**
 * Disables an endpoint and ends its pending deliveries (FAILED, each replayable), with the audit event, in the
 * caller's transaction. Only an enabled endpoint is disabled: false when it already was (or is gone).
 */
export async function disableEndpointInTx(tx: Tx, input: { endpointId: string; reason: string; actor: AuditActor; request?: RequestContext; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const disabled = await tx.webhookEndpoint.updateMany({ where: { id: input.endpointId, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: input.reason } });
  if (disabled.count !== 1) return false;
  const ended = await tx.webhookDelivery.updateMany({ where: { endpointId: input.endpointId, status: "PENDING" }, data: { status: "FAILED", nextAttemptAt: null, lastError: DISABLED_ENDPOINT_ERROR } });
  const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: input.endpointId }, select: { name: true, consecutiveFailures: true } });
  await recordAuditEvent(tx, {
    actor: input.actor,
    action: "webhook.endpoint_disabled",
    target: { type: "webhook_endpoint", id: input.endpointId, label: endpoint.name },
    request: input.request,
    details: { reason: input.reason, consecutiveFailures: endpoint.consecutiveFailures, pendingDeliveriesEnded: ended.count },
  });
  return true;
}
