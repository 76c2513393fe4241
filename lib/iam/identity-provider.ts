/**
 * The one interface the rest of the product uses to talk to the company's identity provider. Everything
 * vendor-specific (SDKs, URLs, paging, error codes) lives behind it in lib/iam/entra/ and lib/iam/okta/;
 * nothing outside those folders branches on the provider.
 */

/** The account's state at the provider, normalised. */
export const ACCOUNT_STATUSES = ["ACTIVE", "DISABLED", "SUSPENDED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "DEPROVISIONED"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** One member of the employee group, in the product's shape. Missing fields are null, never "". */
export type DirectoryEmployee = {
  externalId: string;
  login: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobilePhone: string | null;
  streetAddress: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  /** YYYY-MM-DD, only when the provider has it in the listing (Entra: never in collections). */
  birthday: string | null;
  employeeNumber: string | null;
  accountStatus: AccountStatus;
  /** Privileged roles, when the listing reveals them (otherwise filled by `fetchAdminRoles` before a reset). */
  adminRoles: string[];
};

export type MembersPage = {
  employees: DirectoryEmployee[];
  /** Incremental pages only: members that left the group or were deleted since the delta link. */
  removedExternalIds: string[];
  /** Opaque, serialisable: pass it back for the next page; null on the last page of the pass. */
  nextCursor: string | null;
  /** On the last page of a pass, when the provider supports incremental sync: where the next run starts. */
  deltaLink: string | null;
  /** The provider's count of the group, when it tells (progress bars); null otherwise. */
  expectedTotal: number | null;
};

export type FetchMembersRequest =
  /** A complete pass over the group's current members; `cursor` null for the first page. */
  | { mode: "full"; cursor: string | null }
  /** Changes since `deltaLink` (from the previous pass); `cursor` null for the first page. */
  | { mode: "delta"; cursor: string | null; deltaLink: string };

/** What an admin must fix, when a connection test fails. */
export const CONNECTION_PROBLEMS = [
  "invalid_client",
  "invalid_credentials",
  "consent_required",
  "missing_permission",
  "dpop_required",
  "missing_admin_role",
  "group_not_found",
  /** A write refused because the employee holds an admin role: an administrator must act in the provider's console. */
  "privileged_target",
  /** The employee is not (or no longer) in the directory. */
  "user_not_found",
  /** The account's state does not allow the operation (e.g. Okta: password reset on a SUSPENDED user). */
  "account_state",
  "unreachable",
  /** The stored endpoint is not the vendor's (or the running sandbox's), or resolves to a non-public address. */
  "endpoint_not_allowed",
  /**
   * The stored incremental-sync position can no longer be used (Entra: delta link 410; Okta: System Log position
   * past its retention): the run starts over with a full pass.
   */
  "delta_expired",
  "unknown",
] as const;
export type ConnectionProblem = (typeof CONNECTION_PROBLEMS)[number];

export type ConnectionTestResult =
  | {
      ok: true;
      memberSample: { login: string; firstName: string | null; lastName: string | null } | null;
      expectedTotal: number | null;
      /** What works less well than it could, such as an optional permission missing (sync still works). */
      warnings?: string[];
    }
  | { ok: false; problem: ConnectionProblem; message: string };

/** A provider call failed. `retryable` for throttling (429) and transient 5xx / network errors. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly options: { retryable: boolean; retryAfterMs?: number; status?: number; problem?: ConnectionProblem },
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Shown to the employee once, never stored in clear. */
export type ResetPasswordResult = { temporaryPassword: string };

/** A one-time link where the employee sets a new password; shown once, never stored in clear. */
export type PasswordResetLink = { url: string };

/** One MFA method / factor, named without its secret (phone numbers, keys and passes are never returned). */
export type CredentialRef = { kind: string; id: string };

export type ResetMfaResult = {
  /** Methods / factors this call removed; an already-removed one is not listed again (a retry removes nothing). */
  removed: CredentialRef[];
  /** Kept on purpose (Entra: the password, a method type the adapter does not know). */
  kept: CredentialRef[];
  /** When requested and supported (Entra): a one-time pass the employee registers new methods with. */
  temporaryAccessPass: { value: string; lifetimeInMinutes: number; isUsableOnce: boolean } | null;
};

export type UnlockResult = { outcome: "unlocked" | "not_locked" | "not_supported"; message: string };

/**
 * What a vendor can do, declared once per vendor (lib/iam/<vendor>/<vendor>-capabilities.ts) so product code asks
 * the port instead of naming the vendor: which reset steps exist, which actions are offered, how sync runs.
 */
export type ProviderCapabilities = {
  /** `fetchMembersPage({ mode: "delta" })` gives incremental passes. */
  readonly delta: boolean;
  /** `unlockAccount` can lift a lockout (Entra's smart lockout has no API). */
  readonly unlockAccount: boolean;
  /** `resetMfa` can issue a Temporary Access Pass. */
  readonly temporaryAccessPass: boolean;
  /** `createPasswordResetLink` issues a one-time link where the employee chooses a password. */
  readonly passwordResetLink: boolean;
  /** Issuing a reset link also ends the employee's sessions, so no separate revoke step follows it. */
  readonly resetLinkClearsSessions: boolean;
  /**
   * Where the date of birth comes from: the member listing, a read of one employee (Entra: `birthday` is on a
   * single-user GET only), or nowhere (Okta's base profile has none).
   */
  readonly birthdaySource: "listing" | "per_employee" | "none";
  /**
   * What makes a new connection active: the tenant admin's consent (Entra: a passing test cannot stand in for it),
   * or the first passing connection test (Okta: the admin registered our public key themselves).
   */
  readonly activatedBy: "admin_consent" | "connection_test";
};

/**
 * The one port to a company's identity provider: directory sync and the helpdesk writes (issue 7).
 * Each write is ONE provider action, safe to retry after a failure (a retried delete of a method already gone is
 * success), but not a memo: a second `resetPassword` issues a second password and a second `resetMfa` a second
 * TAP. The job step that calls them memoises the result of a completed call. Callers check `getPrivilegedRoles`
 * first and refuse non-empty answers before any write; a write that the provider still refuses throws a
 * non-retryable ProviderError with problem `privileged_target` or `missing_permission`.
 */
export interface IdentityProvider {
  /** For display labels and stored rows only: behaviour follows `capabilities`. */
  readonly provider: "ENTRA" | "OKTA";
  readonly capabilities: ProviderCapabilities;
  /** Gets a token and reads one member; a failure says, in the admin's terms, what to fix. Never throws. */
  testConnection(): Promise<ConnectionTestResult>;
  /** One page of the employee group. Throws ProviderError (retryable or not). */
  fetchMembersPage(request: FetchMembersRequest): Promise<MembersPage>;
  /** The employee's admin roles that our app must not act on (empty: an ordinary employee). */
  getPrivilegedRoles(externalId: string): Promise<string[]>;
  /**
   * Dates of birth (YYYY-MM-DD) read one employee at a time, for providers whose listing lacks them
   * (`capabilities.birthdaySource` "per_employee"; Entra: a single GET for one id, JSON batches of 20 for more,
   * throttled sub-requests retried after their Retry-After). Every id asked for is in the answer: null when the
   * provider has no date (unset, or no such user). Adapters with "listing" or "none" read nothing and answer an
   * empty map. Throws ProviderError: retryable (with `retryAfterMs`) while throttled, `missing_permission` without
   * the read permission.
   */
  readBirthdays(externalIds: string[]): Promise<Map<string, string | null>>;
  /**
   * Sets a temporary password the employee must change at next sign-in. Entra uses `temporaryPassword`;
   * Okta generates its own and that one is returned.
   */
  resetPassword(externalId: string, input: { temporaryPassword: string }): Promise<ResetPasswordResult>;
  /**
   * A one-time link where the employee chooses a new password themselves (`capabilities.passwordResetLink`).
   * Like `resetPassword`, a second call issues a second link. Without the capability it throws a non-retryable
   * ProviderError (problem `unknown`).
   */
  createPasswordResetLink(externalId: string): Promise<PasswordResetLink>;
  /** Removes every removable MFA method / factor; issues a Temporary Access Pass when asked and capable. */
  resetMfa(externalId: string, input: { issueTemporaryAccessPass: boolean }): Promise<ResetMfaResult>;
  /** Unlocks a locked-out account; `not_supported` without `capabilities.unlockAccount`. */
  unlockAccount(externalId: string): Promise<UnlockResult>;
  /** Signs the employee out everywhere (sessions and refresh tokens). */
  revokeSessions(externalId: string): Promise<void>;
}

/** How sync and reset steps get a connection's provider: lib/connections' factory in production, a fake in tests. */
export type ProviderSource = (connectionId: string) => Promise<IdentityProvider>;
