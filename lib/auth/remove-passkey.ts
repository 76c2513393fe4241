import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { secondFactorRequiredFor } from "@/lib/auth/second-factor-policy";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

type Remover = Pick<CurrentConsoleUser, "id" | "email" | "role" | "secondFactorAt" | "hasSecondFactor">;

export const LAST_PASSKEY_MESSAGE = "Admins must keep a passkey: add another one before removing this one.";

/**
 * Removes one of the caller's own passkeys, after a fresh second factor. Refused when it is an admin's last
 * passkey (admins must have one); the user's row is locked first, so two parallel removals of the last two
 * passkeys cannot both pass the count. The removal and its audit event commit together.
 */
export async function removePasskey(user: Remover, passkeyId: string, request: RequestContext): Promise<void> {
  requireRecentSecondFactor(user);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM console_user WHERE id = ${user.id}::uuid FOR UPDATE`;
    const passkeys = await tx.consolePasskey.findMany({ where: { userId: user.id }, select: { id: true, name: true } });
    const passkey = passkeys.find((candidate) => candidate.id === passkeyId);
    if (!passkey) throw new AppError("not_found", "That passkey does not exist.");
    if (passkeys.length === 1 && secondFactorRequiredFor(user.role)) throw new AppError("conflict", LAST_PASSKEY_MESSAGE);
    await tx.consolePasskey.delete({ where: { id: passkey.id } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: "auth.passkey_removed",
      target: { type: "console_user", id: user.id, label: user.email },
      request,
      details: { passkeyId: passkey.id, name: passkey.name, remaining: passkeys.length - 1 },
    });
  });
}
