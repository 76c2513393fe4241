import "server-only";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { getServerEnv } from "@/lib/config/server-env";
import type { Db, Tx } from "@/lib/db/prisma";

/**
 * Who must have a second factor: admins always (they can reset anyone and change the connection). Helpdesk
 * agents may enrol one and then use it; step-up still asks them for one before a reset.
 */
export function secondFactorRequiredFor(role: ConsoleRole): boolean {
  return role === "ADMIN";
}

/** How long a proven second factor counts as fresh for step-up actions. */
export function stepUpMaxAgeMs(): number {
  return getServerEnv().CONSOLE_STEP_UP_MINUTES * 60 * 1000;
}

export type ConsoleSecuritySettings = { totpAllowed: boolean };

/** The console's sign-in settings (defaults when the row was never written). */
export async function readConsoleSecuritySettings(client: Db | Tx): Promise<ConsoleSecuritySettings> {
  const row = await client.consoleSecuritySettings.findUnique({ where: { id: 1 }, select: { totpAllowed: true } });
  return { totpAllowed: row?.totpAllowed ?? false };
}

/** Whether `userId` can answer with a TOTP code now: the console allows it and the user has confirmed one. */
export async function hasUsableTotp(client: Db | Tx, userId: string): Promise<boolean> {
  if (!(await readConsoleSecuritySettings(client)).totpAllowed) return false;
  return Boolean(await client.consoleTotp.findFirst({ where: { userId, enabledAt: { not: null } }, select: { userId: true } }));
}
