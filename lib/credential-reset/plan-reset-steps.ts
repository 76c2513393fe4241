import type { CredentialResetAction, OktaPasswordResetMethod } from "@/lib/db/generated/enums";
import type { ProviderCapabilities } from "@/lib/iam/identity-provider";

/** One provider-facing step of a plan, with what it needs to know. */
export type PlannedResetStep =
  | { id: "generate-temporary-password" }
  | { id: "set-temporary-password" }
  | { id: "create-reset-link" }
  | { id: "remove-mfa-methods"; issueTemporaryAccessPass: boolean }
  | { id: "unlock-account" }
  | { id: "revoke-sessions" };

export type ResetPlanInput = {
  action: CredentialResetAction;
  policy: { issueTemporaryAccessPass: boolean; oktaPasswordResetMethod: OktaPasswordResetMethod };
  capabilities: Pick<ProviderCapabilities, "passwordResetLink" | "resetLinkClearsSessions" | "temporaryAccessPass">;
};

/**
 * The steps between the admin-role check and the completion, as a pure function of the action, the policy and
 * what the provider can do: the workflow only runs them in order. A password reset is a one-time link when the
 * policy asks for one and the provider issues links (`oktaPasswordResetMethod` names the policy field; the
 * capability decides), otherwise a temporary password generated in its own step so a retried "set" sets the same
 * one. Sessions are revoked after every change, except after a link that clears them itself.
 */
export function planResetSteps(input: ResetPlanInput): PlannedResetStep[] {
  const { action, policy, capabilities } = input;
  if (action === "PASSWORD_RESET") {
    if (policy.oktaPasswordResetMethod === "RESET_LINK" && capabilities.passwordResetLink) {
      return capabilities.resetLinkClearsSessions ? [{ id: "create-reset-link" }] : [{ id: "create-reset-link" }, { id: "revoke-sessions" }];
    }
    return [{ id: "generate-temporary-password" }, { id: "set-temporary-password" }, { id: "revoke-sessions" }];
  }
  if (action === "MFA_RESET") {
    return [{ id: "remove-mfa-methods", issueTemporaryAccessPass: policy.issueTemporaryAccessPass && capabilities.temporaryAccessPass }, { id: "revoke-sessions" }];
  }
  return [{ id: "unlock-account" }];
}
