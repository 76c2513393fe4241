import type { OutboxChannel, OutboxStatus } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { type ClaimedOutboxMessage, claimOutboxMessage } from "@/lib/notifications/claim-outbox-messages";
import { describeDeliveryError } from "@/lib/notifications/describe-delivery-error";
import { openOutboxBody } from "@/lib/notifications/outbox-body";
import { nextOutboxAttemptAt } from "@/lib/notifications/outbox-retry-policy";
import { type OutboxTransports, transportsFromEnv } from "@/lib/notifications/outbox-transports";

/** The channels this process has a transport for. */
export function sendableChannels(transports: OutboxTransports): OutboxChannel[] {
  return [...(transports.email ? (["EMAIL"] as const) : []), ...(transports.sms ? (["SMS"] as const) : [])];
}

/**
 * Sends one queued message through the transport configured for its channel. Call it after the transaction
 * that queued the message has committed (a rolled-back message must never leave).
 *
 * - No transport for the channel: the message stays STORED; the console's outbox is its delivery.
 * - Sent: SENT, and the sealed body is dropped (it may hold a live link or code we no longer need).
 * - Failed: FAILED with a short reason and the time of the next attempt (backoff, see outbox-retry-policy.ts);
 *   the body is kept for it, and the scheduled outbox delivery job makes it. After the last attempt, FAILED
 *   for good.
 *
 * The attempt is claimed first (one conditional UPDATE), so this call and the scheduled job, on any instance,
 * never send the same message at once; a message that is not due (waiting for its retry, or being sent right
 * now) is left alone. Never throws for a delivery failure: the caller's change is already committed. Delivery is
 * at least once: a crash between the send and the status update resends it once the attempt's lease has passed.
 */
export async function deliverOutboxMessage(id: string, transports: OutboxTransports = transportsFromEnv()): Promise<OutboxStatus> {
  const channels = sendableChannels(transports);
  const claimed = await claimOutboxMessage(id, channels);
  if (claimed) return sendClaimedMessage(claimed, transports);
  const message = await db().outboxMessage.findUnique({ where: { id }, select: { status: true, channel: true, sealedBody: true } });
  if (!message) throw new AppError("not_found", "That message does not exist.");
  if (message.status !== "SENT" && !message.sealedBody && channels.includes(message.channel)) {
    await db().outboxMessage.updateMany({ where: { id, status: { not: "SENT" } }, data: { status: "FAILED", error: "No body left to send", nextAttemptAt: null } });
    return "FAILED";
  }
  return message.status;
}

/** One attempt at a claimed message; records SENT, or FAILED with the next attempt's time (none after the cap). */
export async function sendClaimedMessage(message: ClaimedOutboxMessage, transports: OutboxTransports, now: Date = new Date()): Promise<OutboxStatus> {
  const email = message.channel === "EMAIL" ? transports.email : undefined;
  const sms = message.channel === "SMS" ? transports.sms : undefined;
  try {
    const body = openOutboxBody(message.id, message.sealedBody);
    if (email) await email.send({ to: message.recipient, subject: message.subject ?? "", text: body.text, html: body.html });
    if (sms) await sms.send({ to: message.recipient, text: body.text });
  } catch (error) {
    const reason = describeDeliveryError(error);
    const nextAttemptAt = nextOutboxAttemptAt(message.attempts, now);
    // The id and the reason only: never the recipient or the body.
    console.warn(`Outbox message ${message.id} (${message.channel}) was not delivered (attempt ${message.attempts}): ${reason}${nextAttemptAt ? "; retried later" : "; giving up"}`);
    await db().outboxMessage.updateMany({ where: { id: message.id, status: { not: "SENT" } }, data: { status: "FAILED", error: reason, nextAttemptAt } });
    return "FAILED";
  }
  await db().outboxMessage.update({ where: { id: message.id }, data: { status: "SENT", sentAt: new Date(), sealedBody: null, error: null, nextAttemptAt: null } });
  return "SENT";
}
