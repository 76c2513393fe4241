import { z } from "zod";
import { getServerEnv } from "@/lib/config/server-env";
import { Prisma } from "@/lib/db/generated/client";
import { db, type Tx } from "@/lib/db/prisma";
import { deliverOutboxMessage, queueEmail, renderEmail } from "@/lib/notifications";
import type { ClaimedWebhookDelivery } from "@/lib/webhooks/claim-webhook-deliveries";
import type { WebhookSendResult } from "@/lib/webhooks/send-webhook";
import { disableEndpointInTx } from "@/lib/webhooks/webhook-endpoint-state";
import { nextWebhookAttemptAt, shouldDisableEndpoint, WEBHOOK_RETRY } from "@/lib/webhooks/webhook-retry-policy";

const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
const healthSchema = z.object({ consecutiveFailures: z.number().int(), failingSince: z.date().nullable(), name: z.string() });

/** Tells every active admin that an endpoint was disabled, through the outbox. Returns the message ids. */
async function notifyAdmins(tx: Tx, endpoint: { id: string; name: string }, reason: string): Promise<string[]> {
  const admins = await tx.consoleUser.findMany({ where: { role: "ADMIN", status: "ACTIVE" }, select: { email: true } });
  const email = renderEmail({
    heading: `Webhook endpoint “${endpoint.name}” was disabled`,
    paragraphs: [reason, "Events are no longer sent to it. Fix the receiver, enable the endpoint again in the console, and replay the deliveries it missed."],
    action: { label: "Open the endpoint", url: new URL(`/settings/webhooks/${endpoint.id}`, getServerEnv().APP_URL).toString() },
    footer: "Sent by verifyd to its administrators.",
  });
  const ids: string[] = [];
  for (const admin of admins) ids.push(await queueEmail(tx, { to: admin.email, subject: `Webhook endpoint disabled: ${endpoint.name}`, ...email, related: { type: "webhook_endpoint", id: endpoint.id } }));
  return ids;
}

/**
 * Records one attempt and its consequences in one transaction: the attempt row, the delivery (SUCCEEDED; PENDING
 * with its next time; FAILED after the last), and the endpoint's health; a run of failures long enough disables
 * the endpoint (audited, admins e-mailed). Only the attempt that holds the claim settles it: a delivery replayed
 * or deleted meanwhile is left alone. Returns whether the endpoint was disabled.
 */
export async function settleWebhookAttempt(claimed: ClaimedWebhookDelivery, result: WebhookSendResult, startedAt: Date, now: Date): Promise<{ disabled: boolean }> {
  const settled = await db().$transaction(async (tx) => {
    const next = result.succeeded ? null : nextWebhookAttemptAt(claimed.attempts, now);
    const updated = await tx.webhookDelivery.updateMany({
      where: { id: claimed.id, status: "PENDING", attempts: claimed.attempts },
      data: {
        status: result.succeeded ? "SUCCEEDED" : next ? "PENDING" : "FAILED",
        nextAttemptAt: next,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        ...(result.succeeded ? { succeededAt: now } : {}),
      },
    });
    if (updated.count !== 1) return null;
    await tx.webhookDeliveryAttempt.create({ data: { deliveryId: claimed.id, startedAt, durationMs: result.durationMs, statusCode: result.statusCode, succeeded: result.succeeded, error: result.error } });
    if (result.succeeded) {
      await tx.webhookEndpoint.update({ where: { id: claimed.endpointId }, data: { consecutiveFailures: 0, failingSince: null, lastSuccessAt: now } });
      return { messages: [], disabled: false };
    }
    const [row] = await tx.$queryRaw<unknown[]>`
      UPDATE "webhook_endpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1, "failingSince" = COALESCE("failingSince", ${at(now)})
      WHERE "id" = ${claimed.endpointId}::uuid RETURNING "consecutiveFailures", "failingSince", "name"`;
    const health = healthSchema.parse(row);
    if (!shouldDisableEndpoint(health, now)) return { messages: [], disabled: false };
    const hours = Math.round(WEBHOOK_RETRY.disableAfterFailingMs / 3_600_000);
    const reason = `Every attempt failed for more than ${hours} hours (${health.consecutiveFailures} in a row; the last: ${result.error ?? "no answer"}).`;
    const disabled = await disableEndpointInTx(tx, { endpointId: claimed.endpointId, reason, actor: { type: "SYSTEM", label: "webhook delivery" }, now });
    return { messages: disabled ? await notifyAdmins(tx, { id: claimed.endpointId, name: health.name }, reason) : [], disabled };
  });
  if (settled === null) return { disabled: false };
  for (const id of settled.messages) await deliverOutboxMessage(id);
  return { disabled: settled.disabled };
}
