import type { OutboxStatus } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { describeDeliveryError } from "@/lib/notifications/describe-delivery-error";
import { openOutboxBody } from "@/lib/notifications/outbox-body";
import { type OutboxTransports, transportsFromEnv } from "@/lib/notifications/outbox-transports";

/**
 * Sends one queued message through the transport configured for its channel. Call it after the transaction
 * that queued the message has committed (a rolled-back message must never leave).
 *
 * - No transport for the channel: the message stays STORED; the console's outbox is its delivery.
 * - Sent: SENT, and the sealed body is dropped (it may hold a live link or code we no longer need).
 * - Failed: FAILED with a short reason; the body is kept, so calling this again retries.
 *
 * Never throws for a delivery failure: the caller's change is already committed. Delivery is at least once:
 * a crash between the send and the status update leaves the message STORED/FAILED, and a retry resends it.
 */
export async function deliverOutboxMessage(id: string, transports: OutboxTransports = transportsFromEnv()): Promise<OutboxStatus> {
  const message = await db().outboxMessage.findUnique({ where: { id } });
  if (!message) throw new AppError("not_found", "That message does not exist.");
  if (message.status === "SENT") return "SENT";
  const email = message.channel === "EMAIL" ? transports.email : undefined;
  const sms = message.channel === "SMS" ? transports.sms : undefined;
  if (!email && !sms) return message.status;
  if (!message.sealedBody) {
    await db().outboxMessage.update({ where: { id }, data: { status: "FAILED", error: "No body left to send" } });
    return "FAILED";
  }

  try {
    const body = openOutboxBody(message.id, message.sealedBody);
    if (email) await email.send({ to: message.recipient, subject: message.subject ?? "", text: body.text, html: body.html });
    if (sms) await sms.send({ to: message.recipient, text: body.text });
  } catch (error) {
    const reason = describeDeliveryError(error);
    // The id and the reason only: never the recipient or the body.
    console.warn(`Outbox message ${message.id} (${message.channel}) was not delivered: ${reason}`);
    await db().outboxMessage.updateMany({ where: { id, status: { not: "SENT" } }, data: { status: "FAILED", error: reason } });
    return "FAILED";
  }
  await db().outboxMessage.update({ where: { id }, data: { status: "SENT", sentAt: new Date(), sealedBody: null, error: null } });
  return "SENT";
}
