import { describe, expect, it } from "vitest";
import { planResetSteps, type ResetPlanInput } from "@/lib/credential-reset/plan-reset-steps";
import { RESET_STEPS } from "@/lib/credential-reset/reset-steps";
import { ENTRA_CAPABILITIES } from "@/lib/iam/entra/entra-capabilities";
import { OKTA_CAPABILITIES } from "@/lib/iam/okta/okta-capabilities";

const temporaryPassword = { issueTemporaryAccessPass: true, oktaPasswordResetMethod: "TEMPORARY_PASSWORD" } as const;
const resetLink = { issueTemporaryAccessPass: false, oktaPasswordResetMethod: "RESET_LINK" } as const;
const ids = (input: ResetPlanInput) => planResetSteps(input).map((step) => step.id);

describe("planResetSteps", () => {
  it("a password reset is generate → set → revoke, on any provider, unless a link is asked for and issued", () => {
    expect(ids({ action: "PASSWORD_RESET", policy: temporaryPassword, capabilities: ENTRA_CAPABILITIES })).toEqual(["generate-temporary-password", "set-temporary-password", "revoke-sessions"]);
    expect(ids({ action: "PASSWORD_RESET", policy: temporaryPassword, capabilities: OKTA_CAPABILITIES })).toEqual(["generate-temporary-password", "set-temporary-password", "revoke-sessions"]);
    // Okta's link clears the sessions itself; Entra issues no links, so the policy's wish falls back to a password.
    expect(ids({ action: "PASSWORD_RESET", policy: resetLink, capabilities: OKTA_CAPABILITIES })).toEqual(["create-reset-link"]);
    expect(ids({ action: "PASSWORD_RESET", policy: resetLink, capabilities: ENTRA_CAPABILITIES })).toEqual(["generate-temporary-password", "set-temporary-password", "revoke-sessions"]);
    // A provider whose links leave sessions alive gets a revoke after the link.
    expect(ids({ action: "PASSWORD_RESET", policy: resetLink, capabilities: { ...OKTA_CAPABILITIES, resetLinkClearsSessions: false } })).toEqual(["create-reset-link", "revoke-sessions"]);
  });

  it("an MFA reset asks for a Temporary Access Pass only when the policy wants one and the provider issues them", () => {
    expect(planResetSteps({ action: "MFA_RESET", policy: temporaryPassword, capabilities: ENTRA_CAPABILITIES })).toEqual([{ id: "remove-mfa-methods", issueTemporaryAccessPass: true }, { id: "revoke-sessions" }]);
    expect(planResetSteps({ action: "MFA_RESET", policy: temporaryPassword, capabilities: OKTA_CAPABILITIES })).toEqual([{ id: "remove-mfa-methods", issueTemporaryAccessPass: false }, { id: "revoke-sessions" }]);
    expect(planResetSteps({ action: "MFA_RESET", policy: resetLink, capabilities: ENTRA_CAPABILITIES })).toEqual([{ id: "remove-mfa-methods", issueTemporaryAccessPass: false }, { id: "revoke-sessions" }]);
  });

  it("an unlock is one step; every planned step is in the typed table and changes the account but the generation", () => {
    expect(ids({ action: "ACCOUNT_UNLOCK", policy: temporaryPassword, capabilities: OKTA_CAPABILITIES })).toEqual(["unlock-account"]);
    const planned = new Set(
      (["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"] as const).flatMap((action) => [temporaryPassword, resetLink].flatMap((policy) => [ENTRA_CAPABILITIES, OKTA_CAPABILITIES].flatMap((capabilities) => ids({ action, policy, capabilities })))),
    );
    expect([...planned].filter((id) => !RESET_STEPS[id].changesAccount)).toEqual(["generate-temporary-password"]);
  });
});
