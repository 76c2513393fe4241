import { z } from "zod";
import type { Tx } from "@/lib/db/prisma";
import { queueOutboxMessage, relatedRecordSchema } from "@/lib/notifications/queue-outbox-message";

/** A text message: longer than 160 characters is allowed (gateways split it), but not an essay. */
export const queuedSmsSchema = z.object({
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be a phone number in E.164 format, e.g. +14155550123"),
  text: z.string().trim().min(1).max(480),
  related: relatedRecordSchema.optional(),
});
export type QueuedSms = z.input<typeof queuedSmsSchema>;

/**
 * Queues a text message inside the caller's transaction; call `deliverOutboxMessage(id)` after the commit.
 * Returns the message id.
 */
export async function queueSms(tx: Tx, input: QueuedSms): Promise<string> {
  const sms = queuedSmsSchema.parse(input);
  return queueOutboxMessage(tx, { channel: "SMS", recipient: sms.to, body: { text: sms.text }, related: sms.related });
}
