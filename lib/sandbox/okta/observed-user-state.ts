/**
 * What happened to a user through the API, for tests and demos (`GET /_sandbox/users/{id}`). Okta itself
 * never shows these (a temp password or reset URL is returned once); the sandbox keeps the facts, not secrets.
 */
export type ObservedUserState = {
  passwordExpiredAt: string | null;
  tempPasswordIssuedAt: string | null;
  resetPasswordUrlIssuedAt: string | null;
  resetPasswordEmailSentAt: string | null;
  /** When the user chose a new password after an identity-verified recovery. */
  passwordRecoveredAt: string | null;
  factorsResetAt: string | null;
  factorsRemoved: Array<{ factorId: string; factorType: string; at: string }>;
  sessionsClearedAt: string | null;
  oauthTokensRevokedAt: string | null;
  unlockedAt: string | null;
};

export function emptyObservedUserState(): ObservedUserState {
  return {
    passwordExpiredAt: null,
    tempPasswordIssuedAt: null,
    resetPasswordUrlIssuedAt: null,
    resetPasswordEmailSentAt: null,
    passwordRecoveredAt: null,
    factorsResetAt: null,
    factorsRemoved: [],
    sessionsClearedAt: null,
    oauthTokensRevokedAt: null,
    unlockedAt: null,
  };
}
