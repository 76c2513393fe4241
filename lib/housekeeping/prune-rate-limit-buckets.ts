import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/**
 * Deletes rate-limit buckets whose window ended long ago (a new hit starts a new window anyway) and throttle
 * streaks whose last attempt is as old (they are forgotten after a day; the longest wait is an hour). Returns
 * the rows deleted from both.
 */
export async function pruneRateLimitBuckets(now: Date = new Date()): Promise<number> {
  const before = daysBefore(now, RETENTION_DAYS.rateLimitBuckets);
  const [buckets, streaks] = await db().$transaction([
    db().rateLimitBucket.deleteMany({ where: { windowStart: { lt: before } } }),
    db().attemptThrottle.deleteMany({ where: { lastAttemptAt: { lt: before } } }),
  ]);
  return buckets.count + streaks.count;
}
