import type { CredentialResetAction, CredentialResetStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { parseResetSteps, type ResetStepRecord } from "@/lib/credential-reset/reset-progress";
import { SECRET_KINDS, type SecretKind } from "@/lib/credential-reset/reset-steps";
import { resetReference } from "@/lib/credential-reset/settle-credential-reset";

export type CredentialResetView = {
  id: string;
  reference: string;
  action: CredentialResetAction;
  status: CredentialResetStatus;
  steps: ResetStepRecord[];
  currentStep: string | null;
  failedStep: string | null;
  failureReason: string | null;
  /** A secret is waiting to be shown (never the value itself). */
  secretWaiting: boolean;
  secretKind: SecretKind | null;
  secretRevealedAt: Date | null;
  secretExpiresAt: Date | null;
  initiatedBy: string | null;
  createdAt: Date;
  completedAt: Date | null;
};

/** The resets started on one verification, oldest first, as both the employee's and the agent's pages show them. */
export async function listCredentialResets(requestId: string): Promise<CredentialResetView[]> {
  const rows = await db().credentialReset.findMany({
    where: { requestId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, action: true, status: true, steps: true, currentStep: true, failedStep: true, failureReason: true, sealedSecret: true, secretKind: true,
      secretRevealedAt: true, secretExpiresAt: true, createdAt: true, completedAt: true, initiatedBy: { select: { name: true } },
    },
  });
  const now = Date.now();
  return rows.map(({ sealedSecret, steps, initiatedBy, secretKind, ...row }) => ({
    ...row,
    reference: resetReference(row.id),
    steps: parseResetSteps(steps),
    // A running reset already keeps its secret on the row; it becomes revealable when the reset succeeds.
    secretWaiting: row.status === "SUCCEEDED" && sealedSecret !== null && (row.secretExpiresAt === null || row.secretExpiresAt.getTime() > now),
    secretKind: SECRET_KINDS.find((kind) => kind === secretKind) ?? null,
    initiatedBy: initiatedBy?.name ?? null,
  }));
}

export function isResetSettled(status: CredentialResetStatus): boolean {
  return status === "SUCCEEDED" || status === "FAILED" || status === "REFUSED";
}
