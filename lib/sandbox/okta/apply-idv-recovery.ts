import type { IdvAction } from "@/lib/sandbox/okta/idv-recoveries";
import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import type { OktaUserStatus } from "@/lib/sandbox/okta/okta-model";
import type { OktaOrgState } from "@/lib/sandbox/okta/org-state";
import { hashPassword } from "@/lib/sandbox/okta/password-hash";
import { resetUserFactors } from "@/lib/sandbox/okta/reset-user-factors";

/**
 * Who may recover on their own: a user who can sign in or is stuck at sign-in (expired password, recovery,
 * lockout). Staged, provisioned, suspended and deactivated users cannot use self-service recovery in Okta.
 */
const SELF_SERVICE_STATUSES: readonly OktaUserStatus[] = ["ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"];

export function maySelfRecover(record: OktaUserRecord): boolean {
  return SELF_SERVICE_STATUSES.includes(record.status);
}

/** System Log entries of the flow, by user id only, like the rest of the sandbox's event log. */
export function logIdvEvent(state: OktaOrgState, userId: string | null, detail: { action: IdvAction; outcome: string; reason: string | null }, at: string): void {
  state.recordEvent({ type: "user.identity_verification", userId, actor: "self-service", detail }, at);
}

/**
 * The new password after a verified recovery: kept as a hash, `passwordChanged` stamped, and the user back to
 * ACTIVE (a recovery also ends an expired password, a pending reset or a lockout, as in Okta).
 */
export async function setPasswordByRecovery(state: OktaOrgState, userIndex: number, password: string, at: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  state.update(userIndex, (overlay) => {
    overlay.passwordHash = passwordHash;
    overlay.passwordChanged = at;
    overlay.observed.passwordRecoveredAt = at;
  }, at);
  const record = state.record(userIndex);
  if (record && record.status !== "ACTIVE") state.setStatus(userIndex, "ACTIVE", at);
  if (record) state.recordEvent({ type: "user.account.reset_password", userId: record.id, actor: "self-service", detail: {} }, at);
}

/** Every authenticator unenrolled, as the admin API's reset_factors does: the next sign-in enrols anew. */
export function resetAuthenticatorsByRecovery(state: OktaOrgState, record: OktaUserRecord, at: string): void {
  resetUserFactors(state, record, at);
  state.recordEvent({ type: "user.mfa.factor.reset_all", userId: record.id, actor: "self-service", detail: {} }, at);
}
