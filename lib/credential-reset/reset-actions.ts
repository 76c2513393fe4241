import type { CredentialResetAction, CredentialResetStatus, IamProvider, OktaPasswordResetMethod, VerificationPurpose, VerificationStatus } from "@/lib/db/generated/enums";
import { capabilitiesOf } from "@/lib/iam/provider-capabilities";
import { SHOWN_ONCE_SECRET_MINUTES, VERIFIED_PROOF_MINUTES } from "@/lib/verification/requests/verified-window";

/** How long after a VERIFIED decision a reset may still be started: proof of identity goes stale. */
export const RESET_WINDOW_MINUTES = VERIFIED_PROOF_MINUTES;

/** How long a temporary password stays revealable once the reset completed (a TAP: its own lifetime). */
export const SECRET_REVEAL_MINUTES = SHOWN_ONCE_SECRET_MINUTES;

export const RESET_ACTION_LABELS: Record<CredentialResetAction, string> = {
  PASSWORD_RESET: "Reset my password",
  MFA_RESET: "Reset my sign-in methods (MFA)",
  ACCOUNT_UNLOCK: "Unlock my account",
};

export const RESET_ACTION_NAMES: Record<CredentialResetAction, string> = {
  PASSWORD_RESET: "Password reset",
  MFA_RESET: "MFA reset",
  ACCOUNT_UNLOCK: "Account unlock",
};

export const RESET_STATUS_LABELS: Record<CredentialResetStatus, string> = { QUEUED: "queued", RUNNING: "running", SUCCEEDED: "done", FAILED: "failed", REFUSED: "refused (administrator)" };

/**
 * What each purpose lets the verified person do: the employee agreed to the purpose shown on the link, so an
 * identity check for "password reset" never turns into an MFA reset. Self-service recovery allows all.
 */
const ACTIONS_BY_PURPOSE: Record<VerificationPurpose, readonly CredentialResetAction[]> = {
  HELPDESK_CHECK: [],
  PASSWORD_RESET: ["PASSWORD_RESET", "ACCOUNT_UNLOCK"],
  MFA_RESET: ["MFA_RESET"],
  ACCOUNT_RECOVERY: ["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"],
  // The identity provider performs the recovery itself once it has our ID token: nothing to reset here.
  IDP_VERIFICATION: [],
};

export type ResetPolicy = {
  allowPasswordReset: boolean;
  allowMfaReset: boolean;
  allowAccountUnlock: boolean;
  issueTemporaryAccessPass: boolean;
  oktaPasswordResetMethod: OktaPasswordResetMethod;
};

export type ResetEligibilityInput = {
  status: VerificationStatus;
  decidedAt: Date | null;
  purpose: VerificationPurpose;
  provider: IamProvider;
  policy: ResetPolicy;
  now?: Date;
};

/** The actions a verification allows now, in display order (empty once the window has closed). */
export function allowedResetActions(input: ResetEligibilityInput): CredentialResetAction[] {
  if (input.status !== "VERIFIED" || !input.decidedAt) return [];
  const now = input.now ?? new Date();
  if (now.getTime() - input.decidedAt.getTime() > RESET_WINDOW_MINUTES * 60_000) return [];
  return ACTIONS_BY_PURPOSE[input.purpose].filter((action) => {
    if (action === "PASSWORD_RESET") return input.policy.allowPasswordReset;
    if (action === "MFA_RESET") return input.policy.allowMfaReset;
    // A provider without an unlock API (Entra's smart lockout): offering the button would only fail.
    return input.policy.allowAccountUnlock && capabilitiesOf(input.provider).unlockAccount;
  });
}

/** When the window for starting resets on this verification closes. */
export function resetWindowEndsAt(decidedAt: Date): Date {
  return new Date(decidedAt.getTime() + RESET_WINDOW_MINUTES * 60_000);
}
