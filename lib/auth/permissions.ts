import type { ConsoleRole } from "@/lib/db/generated/enums";

/** Every permission a console entry point can require: `area:verb`. */
export const PERMISSIONS = [
  "dashboard:view",
  "directory:view",
  "directory:export",
  "helpdesk:verify",
  "helpdesk:reset",
  /** Cancel a verification someone else started (a colleague's abandoned case, an employee's self-service attempt). */
  "helpdesk:cancel_any",
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

/**
 * Acts on one verification and who may perform them, on top of the entry point's permission. Handing the link
 * over, confirming the caller and resetting rest on one agent's own phone call, so only the agent who started the
 * verification may do them (`othersNeed: null`): nobody for a self-service verification, and not an admin either
 * (an admin takes over an abandoned case by cancelling it and starting a new one). Cancelling only stops a
 * verification, so holders of `othersNeed` may do it for anyone's. Checked by `assertMayActOnVerification`.
 */
export const VERIFICATION_ACTS = {
  view_link: { permission: "helpdesk:verify", othersNeed: null },
  resend_link: { permission: "helpdesk:verify", othersNeed: null },
  confirm_binding: { permission: "helpdesk:verify", othersNeed: null },
  start_reset: { permission: "helpdesk:reset", othersNeed: null },
  cancel: { permission: "helpdesk:verify", othersNeed: "helpdesk:cancel_any" },
} as const satisfies Record<string, { permission: Permission; othersNeed: Permission | null }>;

export type VerificationAct = keyof typeof VERIFICATION_ACTS;

export const ROLE_LABELS: Record<ConsoleRole, string> = { ADMIN: "Admin", HELPDESK: "Helpdesk agent" };
