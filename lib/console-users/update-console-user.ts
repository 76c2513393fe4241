import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { assertAnotherActiveAdminRemains } from "@/lib/console-users/assert-admin-remains";
import type { ConsoleRole, ConsoleUserStatus } from "@/lib/db/generated/enums";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

type Actor = Pick<CurrentConsoleUser, "id" | "email">;

async function loadTarget(tx: Tx, userId: string) {
  const user = await tx.consoleUser.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "That console user no longer exists.");
  return user;
}

/** Changes a console user's role; their sessions end so the new role applies at once. */
export async function changeConsoleUserRole(
  input: { userId: string; role: ConsoleRole },
  actor: Actor,
  request: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (target.role === input.role) return;
    if (target.role === "ADMIN") await assertAnotherActiveAdminRemains(tx, target.id);
    await tx.consoleUser.update({
      where: { id: target.id },
      data: { role: input.role, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "console_user.role_changed",
      target: { type: "console_user", id: target.id, label: target.email },
      request,
      details: { from: target.role, to: input.role },
    });
  });
}

/** Disables (ending every session at once) or re-enables a console user. Admins cannot disable themselves. */
export async function setConsoleUserStatus(
  input: { userId: string; status: ConsoleUserStatus },
  actor: Actor,
  request: RequestContext,
): Promise<void> {
  if (input.userId === actor.id && input.status === "DISABLED") {
    throw new AppError("conflict", "You cannot disable your own account.");
  }
  await db().$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (target.status === input.status) return;
    if (input.status === "DISABLED" && target.role === "ADMIN") await assertAnotherActiveAdminRemains(tx, target.id);
    await tx.consoleUser.update({
      where: { id: target.id },
      data: { status: input.status, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: input.status === "DISABLED" ? "console_user.disabled" : "console_user.enabled",
      target: { type: "console_user", id: target.id, label: target.email },
      request,
    });
  });
}

/** Issues a new one-time password for another console user (who forgot theirs); returned once. */
export async function resetConsoleUserPassword(
  input: { userId: string },
  actor: Actor,
  request: RequestContext,
): Promise<{ email: string; oneTimePassword: string }> {
  if (input.userId === actor.id) throw new AppError("conflict", "Change your own password from your account page.");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db().$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    await tx.consoleUser.update({
      where: { id: target.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "console_user.password_reset",
      target: { type: "console_user", id: target.id, label: target.email },
      request,
    });
    return { email: target.email, oneTimePassword };
  });
}
