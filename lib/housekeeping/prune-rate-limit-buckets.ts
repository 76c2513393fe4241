import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/** Deletes rate-limit buckets whose window ended long ago (a new hit starts a new window anyway). */
export async function pruneRateLimitBuckets(now: Date = new Date()): Promise<number> {
  const pruned = await db().rateLimitBucket.deleteMany({ where: { windowStart: { lt: daysBefore(now, RETENTION_DAYS.rateLimitBuckets) } } });
  return pruned.count;
}
