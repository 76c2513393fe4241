import { describe, expect, it } from "vitest";
import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";
import { type ClaimRequirement, computeDecision, type DecisionInput, type MatchedClaim } from "@/lib/verification/decision/compute-decision";

const OFF = Object.fromEntries(CLAIM_NAMES.map((claim) => [claim, "OFF"])) as Record<ClaimName, ClaimRequirement>;
const passedChecks: DecisionInput["checks"] = [
  { check: "POSSESSION_CODE", required: true, passed: true, detail: "Code confirmed by e-mail." },
  { check: "ID_DOCUMENT", required: true, passed: true, detail: "AAMVA document read." },
];
const goodDocument = { kind: "AAMVA", expired: false, consistent: true, problems: [] };

function match(claim: ClaimName, outcome: MatchedClaim["outcome"] = "MATCH"): MatchedClaim {
  return { claim, outcome, score: outcome === "MATCH" ? 1 : outcome === "MISMATCH" ? 0.4 : null, reason: `${claim} ${outcome}` };
}

function decide(overrides: Partial<DecisionInput>) {
  return computeDecision({
    claims: { ...OFF, firstName: "REQUIRED", lastName: "REQUIRED", city: "OPTIONAL" },
    matched: [match("firstName"), match("lastName"), match("city")],
    sources: { firstName: "DOCUMENT", lastName: "DOCUMENT", city: "DOCUMENT" },
    checks: passedChecks,
    document: goodDocument,
    ...overrides,
  });
}

describe("computeDecision", () => {
  it("verifies when every check passes and every required claim matches", () => {
    const decision = decide({});
    expect(decision.outcome).toBe("VERIFIED");
    expect(decision.reasons).toEqual([]);
    expect(decision.claims.map((claim) => [claim.claim, claim.requirement, claim.source, claim.decisive])).toEqual([
      ["firstName", "REQUIRED", "DOCUMENT", false],
      ["lastName", "REQUIRED", "DOCUMENT", false],
      ["city", "OPTIONAL", "DOCUMENT", false],
    ]);
  });

  it("fails on a required claim that mismatches or is missing on either side, naming each", () => {
    const decision = decide({ matched: [match("firstName", "MISMATCH"), match("lastName", "MISSING_IN_DIRECTORY"), match("city")] });
    expect(decision.outcome).toBe("FAILED");
    expect(decision.reasons).toEqual([
      "First name (required): does not match (firstName MISMATCH)",
      "Last name (required): missing from the directory profile; fix it at the identity provider",
    ]);
    expect(decision.claims.filter((claim) => claim.decisive).map((claim) => claim.claim)).toEqual(["firstName", "lastName"]);
  });

  it("lets an optional claim be absent but not contradict", () => {
    expect(decide({ matched: [match("firstName"), match("lastName"), match("city", "MISSING_IN_EVIDENCE")] }).outcome).toBe("VERIFIED");
    expect(decide({ matched: [match("firstName"), match("lastName"), match("city", "MISSING_IN_DIRECTORY")] }).outcome).toBe("VERIFIED");
    const mismatch = decide({ matched: [match("firstName"), match("lastName"), match("city", "MISMATCH")] });
    expect(mismatch.outcome).toBe("FAILED");
    expect(mismatch.reasons).toEqual(["City: does not match (city MISMATCH)"]);
  });

  it("ignores claims the policy turned off even if the matcher compared them", () => {
    const decision = decide({ matched: [match("firstName"), match("lastName"), match("city"), match("dateOfBirth", "MISMATCH")] });
    expect(decision.outcome).toBe("VERIFIED");
    expect(decision.claims.map((claim) => claim.claim)).not.toContain("dateOfBirth");
  });

  it("fails a required claim that was never compared", () => {
    const decision = decide({ matched: [match("firstName"), match("city")] });
    expect(decision.reasons).toEqual(["Last name (required): was not compared."]);
  });

  it("fails on a failed required check, an expired or an inconsistent document, listing every reason", () => {
    const decision = decide({
      checks: [passedChecks[0]!, { check: "ID_DOCUMENT", required: true, passed: false, detail: "The document failed its integrity checks." }],
      document: { kind: "MRZ_TD3", expired: true, consistent: false, problems: ["date of birth check digit"] },
    });
    expect(decision.outcome).toBe("FAILED");
    expect(decision.reasons).toEqual([
      "The document failed its integrity checks.",
      "The identity document has expired.",
      "The identity document failed its integrity checks: date of birth check digit.",
    ]);
  });
});
