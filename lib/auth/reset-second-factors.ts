import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/**
 * Recovery of a lost passkey: another admin removes all of a console user's passkeys and TOTP and ends their
 * sessions (session version bump), so their next sign-in enrols afresh. Nobody resets their own factors this way
 * (that would let a stolen password replace the passkey). The caller checks permission and step-up.
 */
export async function resetSecondFactors(
  admin: Pick<CurrentConsoleUser, "id" | "email">,
  targetUserId: string,
  request: RequestContext,
): Promise<{ passkeysRemoved: number }> {
  if (admin.id === targetUserId) throw new AppError("forbidden", "Another admin must reset your passkeys.");
  return db().$transaction(async (tx) => {
    const target = await tx.consoleUser.findUnique({ where: { id: targetUserId }, select: { id: true, email: true } });
    if (!target) throw new AppError("not_found", "That console user does not exist.");
    const removed = await tx.consolePasskey.deleteMany({ where: { userId: target.id } });
    const totp = await tx.consoleTotp.deleteMany({ where: { userId: target.id } });
    await tx.consoleUser.update({ where: { id: target.id }, data: { sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(admin),
      action: "console_user.second_factors_reset",
      target: { type: "console_user", id: target.id, label: target.email },
      request,
      details: { passkeysRemoved: removed.count, totpRemoved: totp.count > 0 },
    });
    return { passkeysRemoved: removed.count };
  });
}
