import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { adminRoleRank, type OktaAdminRole } from "@/lib/sandbox/okta/okta-model";
import type { ServiceApp } from "@/lib/sandbox/okta/service-apps";

/** Roles Okta lets an org assign for a group scope; the others always apply to the whole org. */
const GROUP_SCOPED_ROLES: readonly OktaAdminRole[] = ["HELP_DESK_ADMIN", "USER_ADMIN"];

/**
 * The admin-role rule for writes (password, factors, sessions, unlock): a group-scoped role only reaches
 * members of the employee group, and no role except SUPER_ADMIN may act on a user holding an equal or
 * higher admin role (ranking in OKTA_ADMIN_ROLES: HELP_DESK_ADMIN < USER_ADMIN < ORG_ADMIN < SUPER_ADMIN).
 * Returns the reason for refusing (answered as 403 E0000006), or null when allowed.
 */
export function refuseUserWrite(app: ServiceApp, target: OktaUserRecord): string | null {
  const role = app.settings.adminRole;
  if (GROUP_SCOPED_ROLES.includes(role) && !target.inGroup) {
    return `The app's ${role} role is scoped to the employee group, which the user is not a member of.`;
  }
  if (role === "SUPER_ADMIN") return null;
  const highest = Math.max(-1, ...target.roles.map(adminRoleRank));
  if (highest >= adminRoleRank(role)) return `The user holds an admin role the app's ${role} role cannot manage.`;
  return null;
}
