import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/** Deletes IdP authorization transactions past any use: their request_uri, binding and code are long spent. */
export async function pruneIdvAuthorizations(now: Date = new Date()): Promise<number> {
  const pruned = await db().idvAuthorization.deleteMany({ where: { createdAt: { lt: daysBefore(now, RETENTION_DAYS.idvAuthorizations) } } });
  return pruned.count;
}
