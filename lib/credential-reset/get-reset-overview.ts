import type { CredentialResetAction } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { allowedResetActions, resetWindowEndsAt } from "@/lib/credential-reset/reset-actions";
import { type CredentialResetView, isResetSettled, listCredentialResets } from "@/lib/credential-reset/list-credential-resets";

export type ResetOverview = {
  /** Actions that can still be started (allowed now and not started yet). */
  available: CredentialResetAction[];
  resets: CredentialResetView[];
  /** Until when new resets may be started; null when the verification allows none. */
  windowEndsAt: Date | null;
  provider: "ENTRA" | "OKTA" | null;
  /** Something is still running: pages refresh themselves. */
  running: boolean;
};

/** What a verification allows and what it already did, for the employee's and the agent's pages. */
export async function getResetOverview(requestId: string): Promise<ResetOverview> {
  const verification = await db().verificationRequest.findUnique({
    where: { id: requestId },
    select: { status: true, decidedAt: true, purpose: true, policy: true, employee: { select: { connection: { select: { provider: true } } } } },
  });
  const provider = verification?.employee?.connection.provider ?? null;
  if (!verification || !provider) return { available: [], resets: [], windowEndsAt: null, provider, running: false };
  const resets = await listCredentialResets(requestId);
  const started = new Set(resets.map((reset) => reset.action));
  const allowed = allowedResetActions({ ...verification, provider, policy: verification.policy });
  return {
    // An administrator account refused once is refused for every action: offering the others would only fail.
    available: resets.some((reset) => reset.status === "REFUSED") ? [] : allowed.filter((action) => !started.has(action)),
    resets,
    windowEndsAt: allowed.length > 0 && verification.decidedAt ? resetWindowEndsAt(verification.decidedAt) : null,
    provider,
    running: resets.some((reset) => !isResetSettled(reset.status)),
  };
}
