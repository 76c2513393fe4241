import { describe, expect, it } from "vitest";
import { allowedResetActions, type ResetEligibilityInput, RESET_WINDOW_MINUTES } from "@/lib/credential-reset/reset-actions";

const decidedAt = new Date("2026-11-22T10:00:00Z");
const base: ResetEligibilityInput = {
  status: "VERIFIED",
  decidedAt,
  purpose: "ACCOUNT_RECOVERY",
  provider: "OKTA",
  policy: { allowPasswordReset: true, allowMfaReset: true, allowAccountUnlock: true, issueTemporaryAccessPass: true, oktaPasswordResetMethod: "TEMPORARY_PASSWORD" },
  now: new Date(decidedAt.getTime() + 60_000),
};

describe("allowedResetActions", () => {
  it("offers every action the policy allows for self-service recovery on Okta", () => {
    expect(allowedResetActions(base)).toEqual(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]);
  });

  it("never offers an unlock on Entra ID, which has no API for it", () => {
    expect(allowedResetActions({ ...base, provider: "ENTRA" })).toEqual(["PASSWORD_RESET", "MFA_RESET"]);
  });

  it("keeps to the purpose the employee agreed to", () => {
    expect(allowedResetActions({ ...base, purpose: "MFA_RESET" })).toEqual(["MFA_RESET"]);
    expect(allowedResetActions({ ...base, purpose: "PASSWORD_RESET" })).toEqual(["PASSWORD_RESET", "ACCOUNT_UNLOCK"]);
    expect(allowedResetActions({ ...base, purpose: "HELPDESK_CHECK" })).toEqual([]);
  });

  it("drops what the policy turned off", () => {
    expect(allowedResetActions({ ...base, policy: { ...base.policy, allowPasswordReset: false, allowAccountUnlock: false } })).toEqual(["MFA_RESET"]);
  });

  it("offers nothing before VERIFIED or once the window has closed", () => {
    expect(allowedResetActions({ ...base, status: "FAILED" })).toEqual([]);
    expect(allowedResetActions({ ...base, status: "IN_PROGRESS", decidedAt: null })).toEqual([]);
    expect(allowedResetActions({ ...base, now: new Date(decidedAt.getTime() + RESET_WINDOW_MINUTES * 60_000) })).toHaveLength(3);
    expect(allowedResetActions({ ...base, now: new Date(decidedAt.getTime() + RESET_WINDOW_MINUTES * 60_000 + 1) })).toEqual([]);
  });
});
