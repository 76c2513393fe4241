import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/** Deletes job events forwarded long ago (kept as long as the runs they started); unforwarded ones never. */
export async function pruneForwardedJobEvents(now: Date = new Date()): Promise<number> {
  const pruned = await db().jobEventOutbox.deleteMany({ where: { forwardedAt: { lt: daysBefore(now, RETENTION_DAYS.jobRuns) } } });
  return pruned.count;
}
