import type { Lifecycle, MfaKind, Privilege } from "@/lib/sandbox/shared/generate-person";

/** Okta user statuses (developer.okta.com, User object `status`). */
export const OKTA_USER_STATUSES = [
  "ACTIVE",
  "PROVISIONED",
  "STAGED",
  "RECOVERY",
  "PASSWORD_EXPIRED",
  "LOCKED_OUT",
  "SUSPENDED",
  "DEPROVISIONED",
] as const;
export type OktaUserStatus = (typeof OKTA_USER_STATUSES)[number];

/**
 * Standard admin roles the sandbox knows, lowest privilege first. The order is the sandbox's definition of
 * "higher role" for the Help Desk Administrator rule: an app may only write to users whose highest role
 * ranks strictly below its own (SUPER_ADMIN excepted, it may act on everyone), mirroring Okta's rule that
 * help desk and user admins cannot reset credentials of other administrators.
 */
export const OKTA_ADMIN_ROLES = ["HELP_DESK_ADMIN", "USER_ADMIN", "ORG_ADMIN", "SUPER_ADMIN"] as const;
export type OktaAdminRole = (typeof OKTA_ADMIN_ROLES)[number];

export const ADMIN_ROLE_LABELS: Record<OktaAdminRole, string> = {
  HELP_DESK_ADMIN: "Help Desk Administrator",
  USER_ADMIN: "Group Administrator",
  ORG_ADMIN: "Organizational Administrator",
  SUPER_ADMIN: "Super Administrator",
};

export function adminRoleRank(role: OktaAdminRole): number {
  return OKTA_ADMIN_ROLES.indexOf(role);
}

/** OAuth scopes the sandbox grants; `*.manage` implies the matching `*.read`, as in Okta. */
export const OKTA_SCOPES = ["okta.groups.read", "okta.users.read", "okta.users.manage", "okta.roles.read", "okta.logs.read"] as const;
export type OktaScope = (typeof OKTA_SCOPES)[number];

export const STATUS_FOR_LIFECYCLE: Record<Lifecycle, OktaUserStatus> = {
  active: "ACTIVE",
  disabled: "DEPROVISIONED",
  suspended: "SUSPENDED",
  locked_out: "LOCKED_OUT",
  password_expired: "PASSWORD_EXPIRED",
  provisioned: "PROVISIONED",
};

export const ROLE_FOR_PRIVILEGE: Record<Privilege, OktaAdminRole | null> = {
  none: null,
  helpdesk_admin: "HELP_DESK_ADMIN",
  user_admin: "USER_ADMIN",
  privileged_admin: "ORG_ADMIN",
  global_admin: "SUPER_ADMIN",
};

export type OktaFactorKind = {
  factorType: string;
  provider: string;
  vendorName: string;
  /** Okta factor id prefixes differ per type (opf push, mbl sms, uft totp, fwf webauthn, emf email, ufq question). */
  idPrefix: string;
};

export const FACTOR_FOR_MFA: Record<MfaKind, OktaFactorKind> = {
  authenticator_app: { factorType: "push", provider: "OKTA", vendorName: "OKTA", idPrefix: "opf" },
  sms: { factorType: "sms", provider: "OKTA", vendorName: "OKTA", idPrefix: "mbl" },
  totp: { factorType: "token:software:totp", provider: "GOOGLE", vendorName: "GOOGLE", idPrefix: "uft" },
  fido2: { factorType: "webauthn", provider: "FIDO", vendorName: "FIDO", idPrefix: "fwf" },
  email: { factorType: "email", provider: "OKTA", vendorName: "OKTA", idPrefix: "emf" },
  security_question: { factorType: "question", provider: "OKTA", vendorName: "OKTA", idPrefix: "ufq" },
};

/** Okta base profile attributes the sandbox serves; missing values are null, as in an incomplete directory. */
export type OktaProfile = {
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  login: string;
  mobilePhone: string | null;
  primaryPhone: string | null;
  streetAddress: string | null;
  city: string | null;
  state: string | null;
  zipCode: string | null;
  countryCode: string | null;
  employeeNumber: string | null;
  department: string | null;
  title: string | null;
};
