import { db } from "@/lib/db/prisma";

/**
 * Forgets temporary passwords, passes and reset links nobody revealed in time: a secret waiting in the database
 * is one more thing to steal. The employee's page then says it lapsed; they start again or call the desk.
 */
export async function purgeLapsedResetSecrets(now: Date = new Date()): Promise<number> {
  const purged = await db().credentialReset.updateMany({
    where: { sealedSecret: { not: null }, secretExpiresAt: { lte: now } },
    data: { sealedSecret: null },
  });
  return purged.count;
}
