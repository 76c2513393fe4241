import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
import { diffPolicies } from "@/lib/verification/policy/diff-policies";
import type { VerificationPolicyInput } from "@/lib/verification/policy/verification-policy-schema";

describe("diffPolicies", () => {
  it("is empty when nothing changed", () => {
    expect(diffPolicies(DEFAULT_POLICY, { ...DEFAULT_POLICY })).toEqual([]);
  });

  it("lists every setting, so no column is left out of the audit", () => {
    const everyOtherValue: VerificationPolicyInput = {
      claims: DEFAULT_POLICY.claims,
      requirePossessionCode: false,
      requireIdDocument: false,
      linkLifetimeMinutes: 60,
      maxAttempts: 3,
      evidenceRetention: "KEEP_7_DAYS",
      selfServiceEnabled: false,
      allowPasswordReset: false,
      allowMfaReset: false,
      allowAccountUnlock: false,
      issueTemporaryAccessPass: false,
      oktaPasswordResetMethod: "RESET_LINK",
      faceMatchThreshold: 0.72,
      minimumAssurance: { HELPDESK_CHECK: "DOCUMENT_DATA", PASSWORD_RESET: "DOCUMENT_AND_LIVE_FACE", MFA_RESET: "SIGNED_EVIDENCE", ACCOUNT_RECOVERY: "SIGNED_EVIDENCE", IDP_VERIFICATION: "SIGNED_EVIDENCE" },
    };
    const settings = [
      ...Object.keys(DEFAULT_POLICY).filter((key) => key !== "claims" && key !== "minimumAssurance"),
      ...Object.keys(DEFAULT_POLICY.minimumAssurance).map((purpose) => `minimumAssurance.${purpose}`),
    ];
    expect(diffPolicies(DEFAULT_POLICY, everyOtherValue).map((change) => change.field)).toEqual(settings);
  });

  it("describes the reset settings in words", () => {
    const changes = diffPolicies(DEFAULT_POLICY, {
      ...DEFAULT_POLICY,
      selfServiceEnabled: false,
      allowAccountUnlock: false,
      issueTemporaryAccessPass: false,
      oktaPasswordResetMethod: "RESET_LINK",
    });
    expect(changes).toEqual([
      { field: "selfServiceEnabled", from: true, to: false, description: "Self-service portal: on → off" },
      { field: "allowAccountUnlock", from: true, to: false, description: "Account unlock: allowed → not allowed" },
      { field: "issueTemporaryAccessPass", from: true, to: false, description: "Temporary Access Pass after MFA reset: on → off" },
      { field: "oktaPasswordResetMethod", from: "TEMPORARY_PASSWORD", to: "RESET_LINK", description: "Okta password reset: Temporary password shown once → Okta reset link" },
    ]);
  });

  it("describes a minimum assurance change in words", () => {
    const changes = diffPolicies(DEFAULT_POLICY, { ...DEFAULT_POLICY, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, MFA_RESET: "DOCUMENT_AND_LIVE_FACE" } });
    expect(changes).toEqual([
      { field: "minimumAssurance.MFA_RESET", from: "POSSESSION_ONLY", to: "DOCUMENT_AND_LIVE_FACE", description: "Minimum assurance, MFA reset by the service desk: possession code only → document and live face" },
    ]);
  });
});
