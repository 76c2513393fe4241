import type { ConsoleRole } from "@/lib/db/generated/enums";

/** Every permission a console entry point can require: `area:verb`. */
export const PERMISSIONS = [
  "dashboard:view",
  "directory:view",
  "directory:export",
  "helpdesk:verify",
  "helpdesk:reset",
  "settings:view",
  "settings:manage",
  "console_users:manage",
  "audit:view",
  "audit:export",
  "outbox:view",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The one permission matrix. Pages, server actions and route handlers all check against it on the server. */
export const ROLE_PERMISSIONS = {
  ADMIN: [...PERMISSIONS],
  HELPDESK: ["dashboard:view", "directory:view", "helpdesk:verify", "helpdesk:reset"],
} as const satisfies Record<ConsoleRole, readonly Permission[]>;

export function roleHasPermission(role: ConsoleRole, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

export const ROLE_LABELS: Record<ConsoleRole, string> = { ADMIN: "Admin", HELPDESK: "Helpdesk agent" };
