import { db } from "@/lib/db/prisma";

/**
 * An incremental (DELTA) run whose starting point is gone (the provider says `delta_expired`, or the connection lost
 * its delta link): the connection forgets the link and the same run becomes a FULL pass from the first page, so the
 * directory is complete at its end and the full pass stores a fresh link. The pass's progress counters start over;
 * created/updated/deactivated keep what the incremental pages already applied. Guarded by the run's cursor: a worker
 * that lost the run to another one changes nothing. Returns whether this call restarted it.
 */
export async function restartAsFullPass(input: { syncRunId: string; connectionId: string; storedCursor: string | null }): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const restarted = await tx.syncRun.updateMany({
      where: { id: input.syncRunId, status: "RUNNING", mode: "DELTA", cursor: input.storedCursor },
      data: { mode: "FULL", cursor: null, pages: 0, seen: 0, expectedTotal: null },
    });
    if (restarted.count !== 1) return false;
    await tx.iamConnection.update({ where: { id: input.connectionId }, data: { deltaLink: null } });
    return true;
  });
}
