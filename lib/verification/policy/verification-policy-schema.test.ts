import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
import { isSelfServiceOpen } from "@/lib/verification/policy/is-self-service-open";
import { minimumAssuranceOf } from "@/lib/verification/policy/minimum-assurance";
import { verificationPolicyInputSchema } from "@/lib/verification/policy/verification-policy-schema";

function issuesOf(input: unknown): Record<string, string[]> {
  const parsed = verificationPolicyInputSchema.safeParse(input);
  if (parsed.success) return {};
  const issues: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (issues[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return issues;
}

const noActions = { allowPasswordReset: false, allowMfaReset: false, allowAccountUnlock: false };

describe("verification policy: reset actions and self-service", () => {
  it("accepts the default policy", () => {
    expect(issuesOf(DEFAULT_POLICY)).toEqual({});
  });

  it("refuses self-service without the ID document check, and allows it once self-service is off", () => {
    expect(issuesOf({ ...DEFAULT_POLICY, requireIdDocument: false })).toEqual({
      selfServiceEnabled: ["Self-service needs the ID document check: without it, anyone who knows an employee's address and phone could reset their account."],
    });
    expect(issuesOf({ ...DEFAULT_POLICY, requireIdDocument: false, selfServiceEnabled: false })).toEqual({});
  });

  it("refuses self-service that allows no action afterwards, but not a helpdesk-only policy without actions", () => {
    expect(issuesOf({ ...DEFAULT_POLICY, ...noActions })).toEqual({ selfServiceEnabled: [expect.stringMatching(/at least one action after verification/)] });
    expect(issuesOf({ ...DEFAULT_POLICY, ...noActions, allowAccountUnlock: true })).toEqual({});
    expect(issuesOf({ ...DEFAULT_POLICY, ...noActions, selfServiceEnabled: false })).toEqual({});
  });

  it("explains missing or unknown reset settings on their fields", () => {
    expect(issuesOf({ ...DEFAULT_POLICY, oktaPasswordResetMethod: "EMAIL" })).toEqual({ oktaPasswordResetMethod: ["Choose how Okta hands over the new password."] });
    const { issueTemporaryAccessPass: _dropped, ...withoutTap } = DEFAULT_POLICY;
    expect(issuesOf(withoutTap)).toEqual({ issueTemporaryAccessPass: ["Choose whether an MFA reset issues a Temporary Access Pass."] });
  });

  it("keeps the portal closed for stored versions that break the rules saved later", () => {
    expect(isSelfServiceOpen(DEFAULT_POLICY)).toBe(true);
    expect(isSelfServiceOpen({ ...DEFAULT_POLICY, selfServiceEnabled: false })).toBe(false);
    expect(isSelfServiceOpen({ ...DEFAULT_POLICY, requireIdDocument: false })).toBe(false);
    expect(isSelfServiceOpen({ ...DEFAULT_POLICY, ...noActions })).toBe(false);
  });
});

describe("verification policy: minimum assurance per purpose", () => {
  it("defaults self-service to a live face bound to the document", () => {
    expect(DEFAULT_POLICY.minimumAssurance.ACCOUNT_RECOVERY).toBe("DOCUMENT_AND_LIVE_FACE");
  });

  it("never lets document data (or less) unlock self-service", () => {
    for (const level of ["NONE", "POSSESSION_ONLY", "DOCUMENT_DATA", "AGENT_ATTENDED"]) {
      expect(issuesOf({ ...DEFAULT_POLICY, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, ACCOUNT_RECOVERY: level } })).toEqual({
        "minimumAssurance.ACCOUNT_RECOVERY": ["Self-service needs a live face bound to the document, or signed evidence: document data alone never unlocks a self-service reset."],
      });
    }
    expect(issuesOf({ ...DEFAULT_POLICY, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, ACCOUNT_RECOVERY: "SIGNED_EVIDENCE" } })).toEqual({});
  });

  it("holds IdP-requested verifications to the self-service floor, and reads versions stored before that purpose as a live face", () => {
    expect(DEFAULT_POLICY.minimumAssurance.IDP_VERIFICATION).toBe("DOCUMENT_AND_LIVE_FACE");
    expect(Object.keys(issuesOf({ ...DEFAULT_POLICY, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, IDP_VERIFICATION: "DOCUMENT_DATA" } }))).toEqual(["minimumAssurance.IDP_VERIFICATION"]);
    const beforeIdp = { HELPDESK_CHECK: "POSSESSION_ONLY", PASSWORD_RESET: "DOCUMENT_DATA", MFA_RESET: "DOCUMENT_AND_LIVE_FACE", ACCOUNT_RECOVERY: "SIGNED_EVIDENCE" };
    expect(minimumAssuranceOf({ minimumAssurance: beforeIdp })).toEqual({ ...beforeIdp, IDP_VERIFICATION: "DOCUMENT_AND_LIVE_FACE" });
    // A stored value is never lowered by the default.
    expect(minimumAssuranceOf({ minimumAssurance: { ...beforeIdp, IDP_VERIFICATION: "SIGNED_EVIDENCE" } }).IDP_VERIFICATION).toBe("SIGNED_EVIDENCE");
  });

  it("refuses a helpdesk minimum the enabled checks cannot reach", () => {
    const helpdeskOnly = { ...DEFAULT_POLICY, requireIdDocument: false, selfServiceEnabled: false };
    expect(issuesOf({ ...helpdeskOnly, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, MFA_RESET: "DOCUMENT_DATA" } })).toEqual({
      "minimumAssurance.MFA_RESET": ['Needs the ID document check: without it a verification reaches "possession code only" at most.'],
    });
    expect(issuesOf({ ...DEFAULT_POLICY, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, MFA_RESET: "DOCUMENT_AND_LIVE_FACE" } })).toEqual({});
    expect(issuesOf({ ...DEFAULT_POLICY, minimumAssurance: { ...DEFAULT_POLICY.minimumAssurance, HELPDESK_CHECK: "NONE" } })).toEqual({ "minimumAssurance.HELPDESK_CHECK": ["Choose the minimum assurance."] });
  });
});
