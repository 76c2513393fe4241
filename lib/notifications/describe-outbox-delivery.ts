import type { OutboxStatus } from "@/lib/db/generated/enums";
import { OUTBOX_RETRY } from "@/lib/notifications/outbox-retry-policy";

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/**
 * What the console's outbox says about a failed message's delivery: whether it is still retried (and when), or
 * failed for good. Null for messages with nothing to add (sent, or kept here without a transport).
 */
export function describeOutboxDelivery(message: { status: OutboxStatus; attempts: number; nextAttemptAt: Date | null }): string | null {
  if (message.status !== "FAILED") return null;
  const tries = `${message.attempts} attempt${message.attempts === 1 ? "" : "s"}`;
  if (message.nextAttemptAt === null) return `Not delivered after ${tries}; no more retries.`;
  return `Retrying after ${timeFormat.format(message.nextAttemptAt)} UTC (${tries} of ${OUTBOX_RETRY.maxAttempts} so far).`;
}
