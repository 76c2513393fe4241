import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { OutboxChannel } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/prisma";
import { type OutboxBody, sealOutboxBody } from "@/lib/notifications/outbox-body";

/** What a message belongs to, so it can be found from that record (e.g. `verification_request` + its id). */
export const relatedRecordSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a snake_case record type"),
  id: z.string().min(1).max(128),
});
export type RelatedRecord = z.infer<typeof relatedRecordSchema>;

type StoredMessage = { channel: OutboxChannel; recipient: string; subject?: string; body: OutboxBody; related?: RelatedRecord };

/**
 * Writes one STORED message with its body sealed under its own id. Shared by `queueEmail` and `queueSms`,
 * which validate their input first.
 */
export async function queueOutboxMessage(tx: Tx, message: StoredMessage): Promise<string> {
  const id = randomUUID();
  await tx.outboxMessage.create({
    data: {
      id,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      sealedBody: sealOutboxBody(id, message.body),
      status: "STORED",
      relatedType: message.related?.type ?? null,
      relatedId: message.related?.id ?? null,
    },
  });
  return id;
}
