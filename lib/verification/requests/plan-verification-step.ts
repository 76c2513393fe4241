import type { VerificationStatus } from "@/lib/db/generated/enums";

/** A screen the employee acts on next. */
export type EmployeeStep = "CODE" | "DOCUMENT" | "DOCUMENT_FRONT" | "FACE" | "DETAILS";

/**
 * What a verification needs next, from what it has:
 * - ASK: wait for the employee at that step;
 * - MATCH_EVIDENCE: self-service only, compare document and details now (a mismatch fails at once, a match moves
 *   on to the code), because possession is proven last there (DECISIONS §25);
 * - DECIDE: every required step is done: record the decision;
 * - DONE: decided, expired or cancelled.
 */
export type VerificationPlan = { kind: "ASK"; step: EmployeeStep } | { kind: "MATCH_EVIDENCE" } | { kind: "DECIDE" } | { kind: "DONE" };

export type VerificationFacts = {
  status: VerificationStatus;
  selfService: boolean;
  codeRequired: boolean;
  codeConfirmed: boolean;
  documentRequired: boolean;
  /** A readable, unexpired document is on file. */
  documentAccepted: boolean;
  /** Enabled claims no document or code proved (the details form), before anything is typed. */
  claimsLeftToType: number;
  /** The details form was submitted in the request being handled. */
  detailsGiven: boolean;
  /** Self-service: document and details already matched the profile. */
  evidenceMatched: boolean;
  /** A live face bound to the document is asked for (lib/verification/face/face-check-required). */
  faceRequired: boolean;
  /** The card's front, with the portrait the face is compared with, is still to be photographed. */
  frontPending: boolean;
  /** The latest live-face attempt passed. */
  facePassed: boolean;
  /** A live-face attempt is open or attempts are left; when not, the decision sees the failed (or missing) face. */
  faceAvailable: boolean;
};

/**
 * The one rule for the order of steps. Helpdesk links: code, document, (front, face,) details, decision.
 * Self-service: document, (front,) face, details, match, code, decision. The face step follows the document it is
 * compared with, and a card whose portrait is on its other side (a licence, most ID cards) asks for that side
 * first. Once the face attempts are spent without a pass the flow moves on and the decision fails on the face
 * check. The details step is skipped when nothing is left to type, so a policy whose document carries every
 * enabled claim goes from the upload straight on (to the code, in self-service: never to a decision that lacks it).
 */
export function planVerificationStep(facts: VerificationFacts): VerificationPlan {
  if (facts.status !== "IN_PROGRESS") return { kind: "DONE" };
  const codePending = facts.codeRequired && !facts.codeConfirmed;
  const documentPending = facts.documentRequired && !facts.documentAccepted;
  const detailsPending = facts.claimsLeftToType > 0 && !facts.detailsGiven;
  const facePending = facts.faceRequired && !facts.facePassed && facts.faceAvailable;
  if (facts.selfService) {
    if (documentPending) return { kind: "ASK", step: "DOCUMENT" };
    if (facts.frontPending && !facts.evidenceMatched) return { kind: "ASK", step: "DOCUMENT_FRONT" };
    if (facePending && !facts.evidenceMatched) return { kind: "ASK", step: "FACE" };
    if (!facts.evidenceMatched) {
      if (detailsPending) return { kind: "ASK", step: "DETAILS" };
      return facts.codeRequired ? { kind: "MATCH_EVIDENCE" } : { kind: "DECIDE" };
    }
    return codePending ? { kind: "ASK", step: "CODE" } : { kind: "DECIDE" };
  }
  if (codePending) return { kind: "ASK", step: "CODE" };
  if (documentPending) return { kind: "ASK", step: "DOCUMENT" };
  if (facts.frontPending) return { kind: "ASK", step: "DOCUMENT_FRONT" };
  if (facePending) return { kind: "ASK", step: "FACE" };
  if (detailsPending) return { kind: "ASK", step: "DETAILS" };
  return { kind: "DECIDE" };
}
