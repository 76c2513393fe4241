import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/**
 * Deletes embedded job runs that finished long ago, with their memoised steps (ON DELETE CASCADE). Queued and
 * running ones are never touched: their steps are what a resumed run replays.
 */
export async function pruneFinishedJobRuns(now: Date = new Date()): Promise<number> {
  const pruned = await db().jobRun.deleteMany({ where: { status: { in: ["COMPLETED", "FAILED"] }, updatedAt: { lt: daysBefore(now, RETENTION_DAYS.jobRuns) } } });
  return pruned.count;
}
