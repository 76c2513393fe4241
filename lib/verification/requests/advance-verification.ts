import { z } from "zod";
import { openSecret } from "@/lib/crypto/server-keyring";
import { AppError } from "@/lib/errors";
import { matchSelfServiceEvidence } from "@/lib/verification/requests/self-service-steps";
import type { ClaimName } from "@/lib/verification/claims";
import { faceFactsOf } from "@/lib/verification/face/face-check-required";
import { claimsToAsk, evaluateVerification, recordDecision } from "@/lib/verification/requests/decide-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { type EmployeeStep, planVerificationStep, type VerificationFacts, type VerificationPlan } from "@/lib/verification/requests/plan-verification-step";
import { refuseWhenBirthdayDecides, withLiveBirthday } from "@/lib/verification/requests/read-live-birthday";

export type VerificationStep = EmployeeStep | "DONE";

type Typed = Partial<Record<ClaimName, string>>;
type RequestInfo = { ip?: string; userAgent?: string };

function factsOf(session: VerificationSession, detailsGiven: boolean): VerificationFacts {
  const latest = session.evidence[0];
  return {
    status: session.status,
    selfService: session.initiatorType === "SELF_SERVE",
    codeRequired: session.policy.requirePossessionCode,
    codeConfirmed: Boolean(session.codeVerifiedAt),
    documentRequired: session.policy.requireIdDocument,
    documentAccepted: Boolean(latest?.readable && !latest.expired),
    claimsLeftToType: claimsToAsk(session).length,
    detailsGiven,
    evidenceMatched: Boolean(session.evidenceMatchedAt),
    ...faceFactsOf(session),
  };
}

function planOf(session: VerificationSession, detailsGiven = false): VerificationPlan {
  return planVerificationStep(factsOf(session, detailsGiven));
}

/**
 * The screen to show. A verification the server could not advance yet (a crash between a step and its
 * advance) shows the details step with nothing to type: submitting it advances.
 */
export function nextVerificationStep(session: VerificationSession): VerificationStep {
  const plan = planOf(session);
  if (plan.kind === "ASK") return plan.step;
  return plan.kind === "DONE" ? "DONE" : "DETAILS";
}

/** The claims the details form asks for now (none when the form only confirms). */
export function detailsToAsk(session: VerificationSession): ClaimName[] {
  const plan = planOf(session);
  return plan.kind === "ASK" && plan.step === "DETAILS" ? claimsToAsk(session) : [];
}

const storedTypedSchema = z.record(z.string(), z.string().max(200));

/** Self-service keeps what was typed, sealed, from the match until the code completes the decision. */
function typedAtMatch(session: VerificationSession): Typed {
  if (!session.sealedSelfAsserted) return {};
  return storedTypedSchema.parse(JSON.parse(openSecret(session.sealedSelfAsserted, `self-asserted:${session.id}`)));
}

/**
 * The one place that moves a verification on. Every employee-facing step (code confirmed, document read,
 * details typed) calls it with the freshly loaded session; it records whatever the state now calls for (the
 * self-service match, or the decision) and returns the step the employee is at afterwards. `typed` is the
 * details form, refused unless the verification is at that step.
 */
export async function advanceVerification(session: VerificationSession, options: { typed?: Typed; request?: RequestInfo } = {}): Promise<VerificationStep> {
  if (options.typed !== undefined && nextVerificationStep(session) !== "DETAILS") throw new AppError("conflict", "This verification is no longer at this step.");
  const plan = planOf(session, options.typed !== undefined);
  switch (plan.kind) {
    case "DONE":
      return "DONE";
    case "ASK":
      return plan.step;
    // Both compare the evidence with the directory: a date of birth the provider serves per employee is read live.
    case "MATCH_EVIDENCE": {
      const typed = options.typed ?? {};
      const live = await withLiveBirthday(session);
      refuseWhenBirthdayDecides(live, (current) => evaluateVerification(current, typed, { possessionPending: true }).decision.outcome);
      return matchSelfServiceEvidence(live.session, typed, options.request);
    }
    case "DECIDE": {
      const live = await withLiveBirthday(session);
      const typed = session.evidenceMatchedAt ? typedAtMatch(session) : (options.typed ?? {});
      refuseWhenBirthdayDecides(live, (current) => evaluateVerification(current, typed).decision.outcome);
      const { decision } = evaluateVerification(live.session, typed);
      await recordDecision(live.session, decision, Object.keys(typed).length > 0 ? typed : null, options.request);
      return "DONE";
    }
  }
}
