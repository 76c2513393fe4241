import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { disableEndpointInTx } from "@/lib/webhooks/webhook-endpoint-state";
import { type WebhookEndpointIdInput, webhookEndpointIdSchema } from "@/lib/webhooks/webhook-schemas";

type Actor = Pick<CurrentConsoleUser, "id" | "email">;

/** An admin disables an endpoint: nothing more is sent to it, and its pending deliveries end (replayable). */
export async function disableWebhookEndpoint(rawInput: WebhookEndpointIdInput, actor: Actor, request: RequestContext): Promise<void> {
  const input = webhookEndpointIdSchema.parse(rawInput);
  await db().$transaction(async (tx) => {
    const disabled = await disableEndpointInTx(tx, { endpointId: input.id, reason: `Disabled by ${actor.email}.`, actor: consoleUserActor(actor), request });
    if (disabled) return;
    const exists = await tx.webhookEndpoint.count({ where: { id: input.id } });
    throw exists ? new AppError("conflict", "This endpoint is already disabled.") : new AppError("not_found", "That endpoint no longer exists.");
  });
}

/** Enables an endpoint again, with a clean failure record: new events go to it; missed ones can be replayed. */
export async function enableWebhookEndpoint(rawInput: WebhookEndpointIdInput, actor: Actor, request: RequestContext): Promise<void> {
  const input = webhookEndpointIdSchema.parse(rawInput);
  await db().$transaction(async (tx) => {
    const enabled = await tx.webhookEndpoint.updateMany({
      where: { id: input.id, enabled: false },
      data: { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null },
    });
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: input.id }, select: { name: true } });
    if (!endpoint) throw new AppError("not_found", "That endpoint no longer exists.");
    if (enabled.count !== 1) throw new AppError("conflict", "This endpoint is already enabled.");
    await recordAuditEvent(tx, { actor: consoleUserActor(actor), action: "webhook.endpoint_enabled", target: { type: "webhook_endpoint", id: input.id, label: endpoint.name }, request });
  });
}
