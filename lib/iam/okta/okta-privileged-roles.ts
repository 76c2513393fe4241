/**
 * Which Okta admin roles make an employee "privileged" for verifyd: all of them. The service app holds Help Desk
 * Administrator, which Okta lets act only on users without a higher admin role (PROVIDERS.md C); the sandbox
 * refuses equal ranks too. Beyond what Okta enforces, a self-service reset of any admin account (even another
 * help desk admin, or a custom role whose permissions we cannot rank) is an account-takeover path into the org's
 * admin console, so every role assignment counts, including HELP_DESK_ADMIN, READ_ONLY_ADMIN and CUSTOM.
 */
export function privilegedRoleName(role: { type: string; label?: string | null }): string {
  // CUSTOM roles share one type; their label is what the admin recognises.
  return role.type === "CUSTOM" && role.label ? `${role.label} (custom)` : role.type;
}
