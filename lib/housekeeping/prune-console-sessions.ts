import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/** Deletes console sessions revoked or expired long ago: they can never be used again, and only hold IPs. */
export async function pruneConsoleSessions(now: Date = new Date()): Promise<number> {
  const cutoff = daysBefore(now, RETENTION_DAYS.consoleSessions);
  const pruned = await db().consoleSession.deleteMany({ where: { OR: [{ revokedAt: { lt: cutoff } }, { expiresAt: { lt: cutoff } }] } });
  return pruned.count;
}
