import type { VerificationPurpose } from "@/lib/db/generated/enums";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import { ASSURANCE_LABELS, ASSURANCE_PURPOSE_LABELS, type AssuranceLevel, meetsAssurance } from "@/lib/verification/assurance/assurance-levels";
import { type Assurance, type AssuranceInput, computeAssurance } from "@/lib/verification/assurance/compute-assurance";
import type { CheckResult } from "@/lib/verification/decision/check-result";

/** The level a verification reached, beside the minimum its policy sets for its purpose (stored in the decision). */
export type DecisionAssurance = Assurance & { purpose: VerificationPurpose; required: AssuranceLevel; requiredLabel: string; meetsPolicy: boolean };

export function decisionAssurance(input: AssuranceInput, purpose: VerificationPurpose, required: AssuranceLevel): DecisionAssurance {
  const assurance = computeAssurance(input);
  return { ...assurance, purpose, required, requiredLabel: ASSURANCE_LABELS[required], meetsPolicy: meetsAssurance(assurance.level, required) };
}

/** The decision's reason when the level falls short; null when it does not. */
export function assuranceShortfall(assurance: DecisionAssurance): string | null {
  if (assurance.meetsPolicy) return null;
  return `Assurance below what the policy requires for ${ASSURANCE_PURPOSE_LABELS[assurance.purpose]}: ${assurance.label}, needs at least ${assurance.requiredLabel}.`;
}

/**
 * The face row of the decision's checks, when a live-face check took place: passed only when it bound the person to
 * the document read (the assurance rating decides, so the row and the level never disagree). Required when the
 * purpose's minimum is a live face or more.
 */
export function faceCheckOf(face: FaceEvidence | null, assurance: DecisionAssurance): CheckResult | null {
  if (!face) return null;
  const rated = assurance.evidence.find((piece) => piece.evidence === "LIVE_FACE");
  return {
    check: "LIVE_FACE",
    // Above a live face (signed evidence) the face alone cannot satisfy the policy, so it is not what is missing.
    required: assurance.required === "DOCUMENT_AND_LIVE_FACE",
    passed: rated?.reaches === "DOCUMENT_AND_LIVE_FACE",
    detail: rated?.reason ?? "Live face check.",
  };
}
