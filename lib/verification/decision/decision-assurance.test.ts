import { describe, expect, it } from "vitest";
import { computeDecision } from "@/lib/verification/decision/compute-decision";
import { assuranceShortfall, decisionAssurance, faceCheckOf } from "@/lib/verification/decision/decision-assurance";
import { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
import { LIVE_FACE_MATCH } from "@/lib/verification/testing/face-evidence-fixtures";

const licence = { kind: "AAMVA", accepted: true };
const matchedName = [
  { claim: "firstName" as const, outcome: "MATCH" as const, score: 1, reason: "Same." },
  { claim: "lastName" as const, outcome: "MATCH" as const, score: 1, reason: "Same." },
];

function decide(face: typeof LIVE_FACE_MATCH | null, purpose: "ACCOUNT_RECOVERY" | "HELPDESK_CHECK") {
  const assurance = decisionAssurance({ possession: { channel: "SMS" }, document: licence, face }, purpose, DEFAULT_POLICY.minimumAssurance[purpose]);
  const faceCheck = faceCheckOf(face, assurance);
  return computeDecision({ claims: DEFAULT_POLICY.claims, matched: matchedName, sources: {}, checks: faceCheck ? [faceCheck] : [], document: null, assurance, face });
}

describe("the decision's assurance", () => {
  it("claims that match are not enough for self-service on document data", () => {
    const decision = decide(null, "ACCOUNT_RECOVERY");
    expect(decision.outcome).toBe("FAILED");
    expect(decision.reasons).toEqual(["Assurance below what the policy requires for self-service recovery: document data only (not authenticated), needs at least document and live face."]);
    expect(decision.face).toBeNull();
    expect(decision.checks).toEqual([]);
  });

  it("the same claims with a bound live face pass, with the face row in the checks", () => {
    const decision = decide(LIVE_FACE_MATCH, "ACCOUNT_RECOVERY");
    expect(decision).toMatchObject({ outcome: "VERIFIED", reasons: [], assurance: { level: "DOCUMENT_AND_LIVE_FACE", meetsPolicy: true }, face: LIVE_FACE_MATCH });
    expect(decision.checks).toEqual([{ check: "LIVE_FACE", required: true, passed: true, detail: expect.stringMatching(/^Live face matched the licence portrait/) }]);
  });

  it("a failed face is the first reason, then the shortfall", () => {
    const decision = decide({ ...LIVE_FACE_MATCH, passed: false, similarity: 0.3, reasons: ["similarity 0.30 below the threshold 0.60"] }, "ACCOUNT_RECOVERY");
    expect(decision.reasons).toEqual(["Live face did not match the licence portrait (similarity 0.30 below the threshold 0.60).", expect.stringMatching(/^Assurance below/)]);
  });

  it("a helpdesk check needs possession only by default; a face there is shown but not required", () => {
    const decision = decide({ ...LIVE_FACE_MATCH, passed: false, reasons: ["no face found in the selfie"] }, "HELPDESK_CHECK");
    expect(decision.outcome).toBe("VERIFIED");
    expect(decision.checks[0]).toMatchObject({ check: "LIVE_FACE", required: false, passed: false });
    expect(assuranceShortfall(decision.assurance!)).toBeNull();
  });
});
