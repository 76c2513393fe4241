import { db } from "@/lib/db/prisma";

/**
 * ACTIVE connections whose interval has passed since their last sync was requested (a run queued within the
 * interval, successful or not, counts: a connection that keeps failing is retried once per interval, not on
 * every tick). Never-synced connections are due at once.
 */
export async function findConnectionsDueForSync(now: Date = new Date()): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT c."id"::text AS "id" FROM "iam_connection" c
    WHERE c."status" = 'ACTIVE'
      AND NOT EXISTS (
        SELECT 1 FROM "sync_run" r
        WHERE r."connectionId" = c."id"
          AND (r."status" IN ('QUEUED', 'RUNNING')
            OR r."queuedAt" > ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(mins => c."syncIntervalMinutes")))
      AND (c."lastSyncedAt" IS NULL
        OR c."lastSyncedAt" <= ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(mins => c."syncIntervalMinutes"))
    ORDER BY c."id"`;
  return rows.map((row) => row.id);
}
