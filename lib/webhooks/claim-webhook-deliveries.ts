import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { WEBHOOK_RETRY } from "@/lib/webhooks/webhook-retry-policy";

const claimedSchema = z.object({ id: z.string(), endpointId: z.string(), messageId: z.string(), payload: z.unknown(), attempts: z.number().int() });
/** A delivery this process may now attempt, until its lease runs out. */
export type ClaimedWebhookDelivery = z.infer<typeof claimedSchema>;

// Timestamps are written from the app's clock as UTC (timestamp without time zone), like Prisma writes them.
const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * Claims up to `limit` due deliveries of enabled endpoints (oldest due first) in one conditional UPDATE with SKIP
 * LOCKED: the attempt is counted and the delivery leased (`nextAttemptAt` moves past the attempt), so no other
 * instance or run sends it until this attempt settles or the lease runs out (a crashed attempt is retried then).
 */
export async function claimDueWebhookDeliveries(now: Date, limit: number): Promise<ClaimedWebhookDelivery[]> {
  const rows = await db().$queryRaw<unknown[]>`
    UPDATE "webhook_delivery" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${at(new Date(now.getTime() + WEBHOOK_RETRY.leaseMs))}, "updatedAt" = ${at(now)}
    WHERE "id" IN (
      SELECT "d"."id" FROM "webhook_delivery" "d" JOIN "webhook_endpoint" "e" ON "e"."id" = "d"."endpointId"
      WHERE "d"."status" = 'PENDING' AND "d"."nextAttemptAt" <= ${at(now)} AND "e"."enabled"
      ORDER BY "d"."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF "d" SKIP LOCKED)
    RETURNING "id"::text AS "id", "endpointId"::text AS "endpointId", "messageId", "payload", "attempts"`;
  return rows.map((row) => claimedSchema.parse(row));
}
