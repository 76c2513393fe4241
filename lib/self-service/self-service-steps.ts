import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { ClaimName } from "@/lib/verification/claims";
import { evaluateVerification, recordDecision } from "@/lib/verification/requests/decide-verification";
import { failVerification } from "@/lib/verification/requests/fail-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { mobileOnRecord } from "@/lib/verification/requests/possession-code";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

export type SelfServiceDetailsOutcome = "CODE_NEXT" | "DECIDED";

/**
 * Self-service, after the document and the typed details: a mismatch (or an address that matched nobody) is
 * decided FAILED now, exactly like any other; a match moves on to the possession code sent to the mobile on
 * record (the last step), or is decided VERIFIED when the policy asks for no code.
 */
export async function submitSelfServiceDetails(session: VerificationSession, typed: Partial<Record<ClaimName, string>>, request?: { ip?: string; userAgent?: string }): Promise<SelfServiceDetailsOutcome> {
  if (session.status !== "IN_PROGRESS" || session.initiatorType !== "SELF_SERVE" || session.evidenceMatchedAt) throw new AppError("conflict", "This verification is no longer at this step.");
  const possessionPending = session.policy.requirePossessionCode;
  const { decision, asked } = evaluateVerification(session, typed, { possessionPending });
  if (decision.outcome === "FAILED" || !possessionPending) {
    await recordDecision(session, decision, asked.length > 0 ? typed : null, request);
    return "DECIDED";
  }
  if (!session.employee || !mobileOnRecord(session.employee)) {
    await failVerification(session, "The evidence matched, but the directory has no valid mobile number for the possession code.", request);
    return "DECIDED";
  }
  await db().$transaction(async (tx) => {
    const matched = await tx.verificationRequest.updateMany({
      where: { id: session.id, status: "IN_PROGRESS", evidenceMatchedAt: null },
      data: { evidenceMatchedAt: new Date(), sealedSelfAsserted: sealSecret(JSON.stringify(typed), `self-asserted:${session.id}`) },
    });
    if (matched.count !== 1) throw new AppError("conflict", "This verification is no longer at this step.");
    await recordAuditEvent(tx, { actor: verificationActor(session), action: "verification.evidence_matched", target: verificationTarget(session), request, details: { claims: decision.claims.map((claim) => `${claim.claim}:${claim.outcome}`) } });
  });
  return "CODE_NEXT";
}

const typedSchema = z.record(z.string(), z.string().max(200));

/** Self-service, once the code to the mobile on record is confirmed: the full decision, recorded. */
export async function completeSelfServiceVerification(session: VerificationSession, request?: { ip?: string; userAgent?: string }): Promise<void> {
  if (session.status !== "IN_PROGRESS" || !session.evidenceMatchedAt || !session.codeVerifiedAt) throw new AppError("conflict", "This verification is not ready to be decided.");
  const typed = session.sealedSelfAsserted ? typedSchema.parse(JSON.parse(openSecret(session.sealedSelfAsserted, `self-asserted:${session.id}`))) : {};
  const { decision } = evaluateVerification(session, typed);
  await recordDecision(session, decision, typed, request);
}
