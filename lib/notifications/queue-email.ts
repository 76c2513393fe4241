import { z } from "zod";
import type { Tx } from "@/lib/db/prisma";
import { queueOutboxMessage, relatedRecordSchema } from "@/lib/notifications/queue-outbox-message";

export const queuedEmailSchema = z.object({
  to: z.email({ error: "must be an e-mail address" }).max(254),
  // A header value: no line breaks, which would let text become extra headers.
  subject: z.string().trim().min(1).max(200).regex(/^[^\r\n]*$/, "must be one line"),
  text: z.string().min(1).max(20_000),
  html: z.string().min(1).max(100_000),
  related: relatedRecordSchema.optional(),
});
export type QueuedEmail = z.input<typeof queuedEmailSchema>;

/**
 * Queues an e-mail inside the caller's transaction, so it exists exactly when the caller's change commits.
 * Call `deliverOutboxMessage(id)` after the commit. Returns the message id.
 */
export async function queueEmail(tx: Tx, input: QueuedEmail): Promise<string> {
  const email = queuedEmailSchema.parse(input);
  return queueOutboxMessage(tx, {
    channel: "EMAIL",
    recipient: email.to,
    subject: email.subject,
    body: { text: email.text, html: email.html },
    related: email.related,
  });
}
