/** Every audit action the product records. Grouped by domain; the audit page filters on these. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_rate_limited",
  "auth.sign_out",
  "auth.password_changed",
  "access.denied",
  "console_user.bootstrapped",
  "console_user.created",
  "console_user.role_changed",
  "console_user.disabled",
  "console_user.enabled",
  "console_user.password_reset",
  "audit.exported",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_rate_limited": "Sign-in blocked by rate limit",
  "auth.sign_out": "Signed out",
  "auth.password_changed": "Changed own password",
  "access.denied": "Access denied",
  "console_user.bootstrapped": "Bootstrap admin created",
  "console_user.created": "Console user created",
  "console_user.role_changed": "Console user role changed",
  "console_user.disabled": "Console user disabled",
  "console_user.enabled": "Console user re-enabled",
  "console_user.password_reset": "Console user password reset",
  "audit.exported": "Audit log exported",
};
