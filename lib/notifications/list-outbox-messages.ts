import { z } from "zod";
import type { OutboxChannel, OutboxStatus } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";

/** A message's envelope: what the list shows. Bodies are only opened one at a time, with an audit event. */
export type OutboxMessageSummary = {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  status: OutboxStatus;
  error: string | null;
  /** Delivery attempts so far, and when the next may start (null: none pending, FAILED for good). */
  attempts: number;
  nextAttemptAt: Date | null;
  relatedType: string | null;
  relatedId: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export const outboxListSchema = z.object({
  cursor: z.string().max(200).optional(),
  channel: z.enum(["EMAIL", "SMS"]).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type OutboxListInput = z.input<typeof outboxListSchema>;

// The cursor is the last row's (createdAt, id): ties on createdAt are common when several messages share a commit.
const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ createdAt: row.createdAt.toISOString(), id: row.id })).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data.createdAt), id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of messages, newest first (keyset pagination: stable while new messages arrive). A malformed cursor
 * starts from the newest message.
 */
export async function listOutboxMessages(input: OutboxListInput): Promise<{ messages: OutboxMessageSummary[]; nextCursor?: string }> {
  const { cursor, channel, limit } = outboxListSchema.parse(input);
  const after = decodeCursor(cursor);
  const rows = await db().outboxMessage.findMany({
    where: {
      ...(channel ? { channel } : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    omit: { sealedBody: true },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { messages: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : undefined };
}
