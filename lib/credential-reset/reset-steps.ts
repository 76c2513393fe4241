/**
 * Every step a reset records, in one typed table: the ids the workflow memoises, the reset row's
 * `currentStep` / `failedStep` and its step list, the pages' labels and whether the step changes the account.
 */
export const RESET_STEPS = {
  queue: { label: "Queue the reset", changesAccount: false },
  begin: { label: "Start the reset", changesAccount: false },
  "check-admin-roles": { label: "Check for administrator roles", changesAccount: false },
  refuse: { label: "Refuse (administrator)", changesAccount: false },
  "generate-temporary-password": { label: "Generate a temporary password", changesAccount: false },
  "set-temporary-password": { label: "Set the temporary password (change required at next sign-in)", changesAccount: true },
  "create-reset-link": { label: "Create a one-time reset link", changesAccount: true },
  "remove-mfa-methods": { label: "Remove sign-in methods", changesAccount: true },
  "unlock-account": { label: "Unlock the account", changesAccount: true },
  "revoke-sessions": { label: "Sign out everywhere", changesAccount: true },
  complete: { label: "Notify the employee", changesAccount: false },
} as const satisfies Record<string, { label: string; changesAccount: boolean }>;

export type ResetStepId = keyof typeof RESET_STEPS;

export function isResetStepId(value: string): value is ResetStepId {
  return Object.hasOwn(RESET_STEPS, value);
}

/** The label of a recorded step; a row from an older version may name a step this one no longer has. */
export function resetStepLabel(step: string): string {
  return isResetStepId(step) ? RESET_STEPS[step].label : step;
}

/** Whether a recorded step changed the account (a failure after one still warrants the employee's notice). */
export function stepChangedAccount(step: string): boolean {
  return isResetStepId(step) && RESET_STEPS[step].changesAccount;
}

/** What a reset may show the employee once (kept sealed on the reset row until then). */
export const SECRET_KINDS = ["TEMPORARY_PASSWORD", "TEMPORARY_ACCESS_PASS", "RESET_LINK"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];
