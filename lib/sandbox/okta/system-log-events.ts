import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import type { OktaUserStatus } from "@/lib/sandbox/okta/okta-model";
import type { LogActor, LogTarget, NewLogEvent } from "@/lib/sandbox/okta/system-log";

/**
 * How the sandbox's own change records (`SandboxEvent`, the `/_sandbox/events` audit) appear in the System Log,
 * under Okta's event types (developer.okta.com Event Types catalog). The sandbox's internal names stay as they are;
 * anything not listed here (e.g. `sandbox.*`, written by the admin routes with their own System Log events) has no
 * System Log counterpart.
 */
const OKTA_TYPE_FOR_SANDBOX_EVENT: Record<string, { eventType: string; displayMessage: string }> = {
  "user.lifecycle.reset_password": { eventType: "user.account.reset_password", displayMessage: "Fired when the user's Okta password is reset" },
  "user.lifecycle.expire_password": { eventType: "user.account.expire_password", displayMessage: "Fired when the user's Okta password is expired" },
  "user.lifecycle.expire_password_with_temp_password": { eventType: "user.account.expire_password", displayMessage: "Fired when the user's Okta password is expired" },
  "user.lifecycle.reset_factors": { eventType: "user.mfa.factor.reset_all", displayMessage: "Reset all factors for user" },
  "user.lifecycle.unlock": { eventType: "user.account.unlock_by_admin", displayMessage: "User account unlock by admin" },
  "user.mfa.factor.deactivate": { eventType: "user.mfa.factor.deactivate", displayMessage: "Reset factor for user" },
  "user.session.clear": { eventType: "user.session.clear", displayMessage: "Clear user session" },
  "user.identity_verification": { eventType: "user.identity_verification", displayMessage: "Identity verification" },
  "user.account.reset_password": { eventType: "user.account.reset_password", displayMessage: "Fired when the user's Okta password is reset" },
  "user.mfa.factor.reset_all": { eventType: "user.mfa.factor.reset_all", displayMessage: "Reset all factors for user" },
  "oauth2.token.issued": { eventType: "app.oauth2.token.grant.access_token", displayMessage: "OAuth2 access token is granted" },
};

export function oktaTypeForSandboxEvent(type: string): { eventType: string; displayMessage: string } | undefined {
  return OKTA_TYPE_FOR_SANDBOX_EVENT[type];
}

export function userTarget(record: OktaUserRecord): LogTarget {
  const { firstName, lastName, displayName, login } = record.profile;
  return { id: record.id, type: "User", alternateId: login, displayName: displayName ?? ([firstName, lastName].filter(Boolean).join(" ") || login) };
}

export function groupTarget(groupId: string): LogTarget {
  return { id: groupId, type: "UserGroup", alternateId: "unknown", displayName: "Employees" };
}

/** Who acted: a service app (its client id), the sandbox's administrator, or the user themselves. */
export function logActor(actor: string, record: OktaUserRecord | undefined, emailDomain: string): LogActor {
  if (actor === "self-service" && record) return userTarget(record);
  if (actor === "sandbox" || actor === "self-service") return { id: "00usandboxadmin00000", type: "User", alternateId: `admin@${emailDomain}`, displayName: "Sandbox Administrator" };
  return { id: actor, type: "PublicClientApp", alternateId: actor, displayName: "verifyd" };
}

const LIFECYCLE_MESSAGES: Record<string, string> = {
  "user.lifecycle.create": "Create Okta user",
  "user.lifecycle.activate": "Activate Okta user",
  "user.lifecycle.deactivate": "Deactivate Okta user",
  "user.lifecycle.reactivate": "Reactivate Okta user",
  "user.lifecycle.suspend": "Suspend Okta user",
  "user.lifecycle.unsuspend": "Unsuspend Okta user",
  "user.lifecycle.delete.initiated": "Delete Okta user initiated",
  "user.account.lock": "Max sign in attempts exceeded",
  "user.account.unlock_by_admin": "User account unlock by admin",
  "user.account.expire_password": "Fired when the user's Okta password is expired",
  "user.account.reset_password": "Fired when the user's Okta password is reset",
  "user.account.update_profile": "Update user profile for Okta",
  "group.user_membership.add": "Add user to group membership",
  "group.user_membership.remove": "Remove user from group membership",
};

/** The System Log event Okta would write for `eventType` on `record` (with the group as a second target for memberships). */
export function userLogEvent(eventType: string, record: OktaUserRecord, actor: LogActor, groupId?: string): NewLogEvent {
  return {
    eventType,
    displayMessage: LIFECYCLE_MESSAGES[eventType] ?? eventType,
    actor,
    targets: groupId === undefined ? [userTarget(record)] : [userTarget(record), groupTarget(groupId)],
  };
}

/**
 * The event type Okta writes for a status change an administrator makes (the sandbox allows any transition; the
 * ones Okta has no operation for are given the nearest lifecycle event).
 */
export function statusChangeEventType(from: OktaUserStatus, to: OktaUserStatus): string | null {
  if (from === to) return null;
  if (to === "SUSPENDED") return "user.lifecycle.suspend";
  if (to === "DEPROVISIONED") return "user.lifecycle.deactivate";
  if (to === "LOCKED_OUT") return "user.account.lock";
  if (to === "PASSWORD_EXPIRED") return "user.account.expire_password";
  if (to === "RECOVERY") return "user.account.reset_password";
  if (to === "PROVISIONED") return "user.lifecycle.reactivate";
  if (to === "STAGED") return "user.lifecycle.create";
  if (from === "SUSPENDED") return "user.lifecycle.unsuspend";
  if (from === "LOCKED_OUT") return "user.account.unlock_by_admin";
  return "user.lifecycle.activate";
}
