import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/** Deletes wallet requests past any use (answerable five minutes): their sealed one-time keys go with them. */
export async function pruneWalletPresentations(now: Date = new Date()): Promise<number> {
  const pruned = await db().walletPresentation.deleteMany({ where: { expiresAt: { lt: daysBefore(now, RETENTION_DAYS.walletPresentations) } } });
  return pruned.count;
}
