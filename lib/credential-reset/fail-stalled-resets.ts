import { failCredentialReset } from "@/lib/credential-reset/settle-credential-reset";
import { db } from "@/lib/db/prisma";

/** A reset no runner picked up in this time lost its event (the job service was down): it will not run. */
export const STALLED_AFTER_MINUTES = 15;

/**
 * Housekeeping: a reset still QUEUED long after it was started is failed, so neither the employee's page nor the
 * agent's waits for ever, and both are told to start again or call the desk. RUNNING resets are left to the job
 * runtime, which resumes or fails them itself.
 */
export async function failStalledResets(now: Date = new Date()): Promise<number> {
  const stalled = await db().credentialReset.findMany({
    where: { status: "QUEUED", createdAt: { lte: new Date(now.getTime() - STALLED_AFTER_MINUTES * 60_000) } },
    select: { id: true },
    take: 200,
  });
  for (const reset of stalled) await failCredentialReset(reset.id, "The reset never started (the job service did not pick it up). Nothing was changed.");
  return stalled.length;
}
