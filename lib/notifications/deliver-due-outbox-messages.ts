import { claimDueOutboxMessages } from "@/lib/notifications/claim-outbox-messages";
import { sendableChannels, sendClaimedMessage } from "@/lib/notifications/deliver-outbox-message";
import { type OutboxTransports, transportsFromEnv } from "@/lib/notifications/outbox-transports";

export type OutboxSweepResult = { attempted: number; sent: number; failed: number };

/**
 * The scheduled half of delivery: claims the messages that are due (a failed attempt whose wait has passed, one
 * whose delivery never happened because the process died after its commit, an attempt that crashed mid-send)
 * and makes one attempt at each. Claims are one conditional UPDATE per batch with SKIP LOCKED, so instances
 * running this at the same moment share the work instead of sending twice.
 */
export async function deliverDueOutboxMessages(options: { transports?: OutboxTransports; now?: Date; limit?: number } = {}): Promise<OutboxSweepResult> {
  const transports = options.transports ?? transportsFromEnv();
  const now = options.now ?? new Date();
  const claimed = await claimDueOutboxMessages(sendableChannels(transports), now, options.limit ?? 50);
  const result: OutboxSweepResult = { attempted: claimed.length, sent: 0, failed: 0 };
  for (const message of claimed) {
    if ((await sendClaimedMessage(message, transports, now)) === "SENT") result.sent += 1;
    else result.failed += 1;
  }
  return result;
}
