import type { FaceEvidence } from "@/lib/face/face-analysis";
import { CLAIM_LABELS, type ClaimName } from "@/lib/verification/claims";
import type { CheckResult } from "@/lib/verification/decision/check-result";
import { assuranceShortfall, type DecisionAssurance } from "@/lib/verification/decision/decision-assurance";

export type ClaimRequirement = "REQUIRED" | "OPTIONAL" | "OFF";
export type ClaimOutcome = "MATCH" | "MISMATCH" | "MISSING_IN_DIRECTORY" | "MISSING_IN_EVIDENCE";
export type ClaimSource = "DOCUMENT" | "POSSESSION" | "EMPLOYEE";

export type MatchedClaim = { claim: ClaimName; outcome: ClaimOutcome; score: number | null; reason: string };

export type { CheckResult };

export type DecisionInput = {
  claims: Record<ClaimName, ClaimRequirement>;
  matched: MatchedClaim[];
  sources: Partial<Record<ClaimName, ClaimSource>>;
  checks: CheckResult[];
  document: { kind: string; expired: boolean; consistent: boolean; problems: string[]; documentType?: string; issuingCountry?: string; expiryDate?: string | null } | null;
  /** The level reached and the policy's minimum for the purpose; a shortfall fails the verification. */
  assurance?: DecisionAssurance;
  /** The live-face check as the face step handed it over (scores for the agent, never the employee). */
  face?: FaceEvidence | null;
};

export type DecidedClaim = MatchedClaim & {
  requirement: ClaimRequirement;
  source: ClaimSource | null;
  decisive: boolean;
  /** Masked for display (lib/verification/decision/mask-claim-value), filled in by the caller. */
  directoryValue?: string | null;
  evidenceValue?: string | null;
};

export type Decision = {
  outcome: "VERIFIED" | "FAILED";
  /** Why it failed, in order of importance; empty when verified. */
  reasons: string[];
  claims: DecidedClaim[];
  checks: CheckResult[];
  document: DecisionInput["document"];
  /** Absent on decisions recorded before assurance levels existed. */
  assurance?: DecisionAssurance;
  face?: FaceEvidence | null;
};

/**
 * The rule set, in one place: VERIFIED only if every required check passed, the document is unexpired and
 * internally consistent, every REQUIRED claim matches, no OPTIONAL claim that both sides carry mismatches, and the
 * assurance level reaches the policy's minimum for the purpose.
 * Anything else fails, with every reason listed (not just the first) so the initiator sees the whole picture.
 */
export function computeDecision(input: DecisionInput): Decision {
  const reasons: string[] = [];
  for (const check of input.checks) {
    if (check.required && !check.passed) reasons.push(check.detail);
  }
  if (input.document) {
    if (input.document.expired) reasons.push("The identity document has expired.");
    if (!input.document.consistent) {
      reasons.push(`The identity document failed its integrity checks: ${input.document.problems.join("; ") || "inconsistent data"}.`);
    }
  }
  const claims: DecidedClaim[] = [];
  for (const result of input.matched) {
    const requirement = input.claims[result.claim];
    if (requirement === "OFF") continue;
    const label = CLAIM_LABELS[result.claim];
    let decisive = false;
    if (requirement === "REQUIRED" && result.outcome !== "MATCH") {
      decisive = true;
      reasons.push(`${label} (required): ${describeOutcome(result)}`);
    } else if (requirement === "OPTIONAL" && result.outcome === "MISMATCH") {
      decisive = true;
      reasons.push(`${label}: ${describeOutcome(result)}`);
    }
    claims.push({ ...result, requirement, source: input.sources[result.claim] ?? null, decisive });
  }
  for (const [claim, requirement] of Object.entries(input.claims) as [ClaimName, ClaimRequirement][]) {
    if (requirement === "REQUIRED" && !input.matched.some((result) => result.claim === claim)) {
      reasons.push(`${CLAIM_LABELS[claim]} (required): was not compared.`);
    }
  }
  // Last: the claims may all match and still not be enough, because of how weak the evidence behind them was.
  const shortfall = input.assurance ? assuranceShortfall(input.assurance) : null;
  if (shortfall) reasons.push(shortfall);
  return {
    outcome: reasons.length === 0 ? "VERIFIED" : "FAILED",
    reasons,
    claims,
    checks: input.checks,
    document: input.document,
    ...(input.assurance ? { assurance: input.assurance, face: input.face ?? null } : {}),
  };
}

function describeOutcome(result: MatchedClaim): string {
  switch (result.outcome) {
    case "MISMATCH":
      return `does not match (${result.reason})`;
    case "MISSING_IN_DIRECTORY":
      return "missing from the directory profile; fix it at the identity provider";
    case "MISSING_IN_EVIDENCE":
      return "not present in the evidence";
    default:
      return result.reason;
  }
}
