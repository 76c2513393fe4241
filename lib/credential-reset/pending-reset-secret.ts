import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import type { SecretKind } from "@/lib/credential-reset/reset-steps";
import { AppError } from "@/lib/errors";

/** Sealing context of a reset's secret: a sealed value copied onto another reset refuses to open. */
export function secretContext(resetId: string): string {
  return `credential-reset:${resetId}`;
}

/** The reset and the job run that owns it (see beginCredentialReset). */
export type ResetOwner = { resetId: string; runId: string };

/**
 * Keeps the secret the employee will be shown on the reset row, sealed, and nowhere else: job step outputs are
 * persisted by the runtime (JobStep rows, Inngest's run state) for as long as the run is kept, while this copy
 * is cleared when shown, when it lapses, or when the reset fails. Only the owning run of a RUNNING reset may
 * write it. `keepExisting`: a secret already kept stays (a retried "generate" must not replace the password
 * that a later step may already have set).
 */
export async function keepResetSecret(owner: ResetOwner, value: string, kind: SecretKind, options: { keepExisting?: boolean } = {}): Promise<void> {
  const kept = await db().credentialReset.updateMany({
    where: { id: owner.resetId, status: "RUNNING", jobRunId: owner.runId, ...(options.keepExisting ? { sealedSecret: null } : {}) },
    data: { sealedSecret: sealSecret(value, secretContext(owner.resetId)), secretKind: kind },
  });
  if (kept.count === 1 || options.keepExisting) return;
  throw new AppError("conflict", "This reset is no longer run by this workflow; nothing more is recorded.");
}

/** The secret kept for a later step (the temporary password the "set" step sets), opened. */
export async function openPendingResetSecret(owner: ResetOwner): Promise<string> {
  const reset = await db().credentialReset.findFirst({ where: { id: owner.resetId, status: "RUNNING", jobRunId: owner.runId }, select: { sealedSecret: true } });
  if (!reset?.sealedSecret) throw new AppError("conflict", "The temporary password to set is missing; nothing was changed.");
  return openSecret(reset.sealedSecret, secretContext(owner.resetId));
}
