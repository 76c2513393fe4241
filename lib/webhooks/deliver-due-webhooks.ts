import type { Resolve } from "@/lib/iam/outbound/outbound-policy";
import { db } from "@/lib/db/prisma";
import { claimDueWebhookDeliveries, type ClaimedWebhookDelivery } from "@/lib/webhooks/claim-webhook-deliveries";
import { sendWebhook, type WebhookSendResult } from "@/lib/webhooks/send-webhook";
import { settleWebhookAttempt } from "@/lib/webhooks/settle-webhook-attempt";
import { storedPayloadSchema } from "@/lib/webhooks/webhook-payloads";
import { WEBHOOK_RETRY } from "@/lib/webhooks/webhook-retry-policy";
import { openWebhookSecret } from "@/lib/webhooks/webhook-secrets";
import { checkWebhookUrl } from "@/lib/webhooks/webhook-url-policy";

export type WebhookSweepResult = { attempted: number; succeeded: number; failed: number; disabledEndpoints: number };

/**
 * `sandbox`: the sandbox runs in this process (loopback receivers allowed). The rest are test hooks: `now` stands
 * for the clock when retries and health are judged.
 */
export type DeliverWebhooksOptions = { sandbox: boolean; now?: Date; limit?: number; timeoutMs?: number; resolve?: Resolve };

/** Receivers sent to at once: a slow one holds one slot, not the batch. */
const CONCURRENCY = 8;

async function attempt(claimed: ClaimedWebhookDelivery, options: DeliverWebhooksOptions): Promise<WebhookSendResult> {
  // The secret is loaded and opened here, inside the step, and never leaves it (no job state, no logs).
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id: claimed.endpointId }, select: { id: true, url: true, sealedSecret: true, previousSealedSecret: true, previousSecretExpiresAt: true } });
  if (!endpoint) return { succeeded: false, statusCode: null, error: "The endpoint was deleted.", durationMs: 0 };
  const payload = storedPayloadSchema.safeParse(claimed.payload);
  if (!payload.success) return { succeeded: false, statusCode: null, error: "The stored payload is unreadable.", durationMs: 0 };
  const url = checkWebhookUrl(endpoint.url, { sandbox: options.sandbox });
  if (!url.ok) return { succeeded: false, statusCode: null, error: url.message, durationMs: 0 };
  return sendWebhook({
    url: endpoint.url,
    secrets: [endpoint.sealedSecret, ...(endpoint.previousSealedSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? [endpoint.previousSealedSecret] : [])].map((sealed) => openWebhookSecret(endpoint.id, sealed)),
    messageId: claimed.messageId,
    // Keys in the order of the schema: { type, timestamp, data }, the same bytes on every attempt.
    body: JSON.stringify(payload.data),
    allowLoopback: url.allowLoopback,
    timeoutMs: options.timeoutMs ?? WEBHOOK_RETRY.timeoutMs,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
}

/**
 * Claims the deliveries that are due (new ones, retries whose wait has passed, attempts that crashed) and makes
 * one attempt at each, several receivers at once, up to `limit`. Each worker claims one delivery at a time, right
 * before sending it, so a lease only has to outlast one attempt (never a batch queued behind slow receivers).
 * Runs in the webhook-delivery jobs, never in a user's request.
 */
export async function deliverDueWebhooks(options: DeliverWebhooksOptions): Promise<WebhookSweepResult> {
  const limit = options.limit ?? 50;
  const result: WebhookSweepResult = { attempted: 0, succeeded: 0, failed: 0, disabledEndpoints: 0 };
  let claims = 0;
  const worker = async () => {
    while (claims < limit) {
      claims += 1;
      const [next] = await claimDueWebhookDeliveries(options.now ?? new Date(), 1);
      if (!next) return;
      result.attempted += 1;
      const startedAt = new Date();
      const sent = await attempt(next, options);
      const settled = await settleWebhookAttempt(next, sent, startedAt, options.now ?? new Date());
      if (sent.succeeded) result.succeeded += 1;
      else result.failed += 1;
      if (settled.disabled) result.disabledEndpoints += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, limit) }, worker));
  return result;
}
