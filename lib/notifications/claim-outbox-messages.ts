import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { OutboxChannel } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { OUTBOX_RETRY } from "@/lib/notifications/outbox-retry-policy";

const claimedSchema = z.object({
  id: z.string(),
  channel: z.enum(["EMAIL", "SMS"]),
  recipient: z.string(),
  subject: z.string().nullable(),
  sealedBody: z.string(),
  attempts: z.number().int(),
});
/** A message this process may now try to send, until its lease runs out. */
export type ClaimedOutboxMessage = z.infer<typeof claimedSchema>;

// Timestamps are written from the app's clock as UTC (timestamp without time zone), like Prisma writes them.
const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * Due: never attempted (STORED, no next attempt time) or its wait / a crashed attempt's lease has passed, below the
 * cap, with a body, on a channel this process can send, not older than a day.
 */
function dueCondition(channels: readonly OutboxChannel[], now: Date): Prisma.Sql {
  return Prisma.sql`"status" IN ('STORED', 'FAILED') AND "sealedBody" IS NOT NULL
    AND "channel"::text = ANY(${[...channels]}::text[])
    AND (("nextAttemptAt" IS NULL AND "status" = 'STORED') OR "nextAttemptAt" <= ${at(now)})
    AND "attempts" < ${OUTBOX_RETRY.maxAttempts}
    AND "createdAt" > ${at(new Date(now.getTime() - OUTBOX_RETRY.maxAgeMs))}`;
}

const RETURNING = Prisma.sql`RETURNING "id"::text AS "id", "channel"::text AS "channel", "recipient", "subject", "sealedBody", "attempts"`;

/**
 * Claims one message for an attempt, in one conditional UPDATE: the attempt is counted and the message leased
 * (`nextAttemptAt` moves past the attempt), so no other caller (the sweep on another instance, a second
 * delivery call) can claim it until this attempt settles or its lease runs out. Null when it is not due.
 */
export async function claimOutboxMessage(id: string, channels: readonly OutboxChannel[], now: Date = new Date()): Promise<ClaimedOutboxMessage | null> {
  if (channels.length === 0) return null;
  const rows = await db().$queryRaw<unknown[]>`
    UPDATE "outbox_message" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${at(new Date(now.getTime() + OUTBOX_RETRY.leaseMs))}
    WHERE "id" = ${id}::uuid AND ${dueCondition(channels, now)}
    ${RETURNING}`;
  const [row] = rows;
  return row === undefined ? null : claimedSchema.parse(row);
}

/** Claims up to `limit` due messages at once (oldest first); rows another instance is claiming are skipped. */
export async function claimDueOutboxMessages(channels: readonly OutboxChannel[], now: Date, limit: number): Promise<ClaimedOutboxMessage[]> {
  if (channels.length === 0) return [];
  const rows = await db().$queryRaw<unknown[]>`
    UPDATE "outbox_message" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${at(new Date(now.getTime() + OUTBOX_RETRY.leaseMs))}
    WHERE "id" IN (
      SELECT "id" FROM "outbox_message" WHERE ${dueCondition(channels, now)}
      ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    ${RETURNING}`;
  return rows.map((row) => claimedSchema.parse(row));
}
