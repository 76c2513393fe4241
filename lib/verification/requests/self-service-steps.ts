import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { ClaimName } from "@/lib/verification/claims";
import { evaluateVerification, recordDecision } from "@/lib/verification/requests/decide-verification";
import { failVerification } from "@/lib/verification/requests/fail-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { mobileOnRecord } from "@/lib/verification/requests/possession-code";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

/**
 * Self-service, once the document (and the details, when any were left to type) are in: a mismatch (or an
 * address that matched nobody) is decided FAILED now, exactly like any other; a match moves on to the possession
 * code sent to the mobile on record, the last step. Called by advanceVerification, which knows when.
 */
export async function matchSelfServiceEvidence(session: VerificationSession, typed: Partial<Record<ClaimName, string>>, request?: { ip?: string; userAgent?: string }): Promise<"CODE" | "DONE"> {
  if (session.status !== "IN_PROGRESS" || session.initiatorType !== "SELF_SERVE" || session.evidenceMatchedAt) throw new AppError("conflict", "This verification is no longer at this step.");
  const { decision, asked } = evaluateVerification(session, typed, { possessionPending: true });
  if (decision.outcome === "FAILED") {
    await recordDecision(session, decision, asked.length > 0 ? typed : null, request);
    return "DONE";
  }
  if (!session.employee || !mobileOnRecord(session.employee)) {
    await failVerification(session, "The evidence matched, but the directory has no valid mobile number for the possession code.", request);
    return "DONE";
  }
  await db().$transaction(async (tx) => {
    const matched = await tx.verificationRequest.updateMany({
      where: { id: session.id, status: "IN_PROGRESS", evidenceMatchedAt: null },
      data: { evidenceMatchedAt: new Date(), sealedSelfAsserted: sealSecret(JSON.stringify(typed), `self-asserted:${session.id}`) },
    });
    if (matched.count !== 1) throw new AppError("conflict", "This verification is no longer at this step.");
    await recordAuditEvent(tx, { actor: verificationActor(session), action: "verification.evidence_matched", target: verificationTarget(session), request, details: { claims: decision.claims.map((claim) => `${claim.claim}:${claim.outcome}`) } });
  });
  return "CODE";
}
