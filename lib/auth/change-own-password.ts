import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, newPasswordSchema, verifyPassword } from "@/lib/auth/password";
import { reserveSignInAttempt, settleSuccessfulSignIn } from "@/lib/auth/throttle-sign-in";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(256),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

/**
 * Replaces the signed-in user's password after checking the current one, clears the forced-change flag, and
 * bumps the session version so every other session of this account ends.
 */
export async function changeOwnPassword(
  userId: string,
  input: z.infer<typeof changeOwnPasswordSchema>,
  request: RequestContext,
): Promise<{ email: string }> {
  const user = await db().consoleUser.findUnique({ where: { id: userId } });
  if (!user || user.status !== "ACTIVE") throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  // A stolen session must not become a password oracle: each check of the current password takes a place in the
  // same throttle as sign-in (this account, this network) before argon2 runs, so a parallel burst cannot outrun
  // it, and a thief's guesses slow down the thief's network, not the owner's.
  const slot = await reserveSignInAttempt(user.email, request.ip);
  if (!slot.reserved) {
    const minutes = Math.max(1, Math.ceil(slot.retryAfterSeconds / 60));
    throw new AppError("rate_limited", `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("invalid_input", "Check the highlighted fields.", {
      currentPassword: ["This is not your current password."],
    });
  }
  await settleSuccessfulSignIn(user.email, request.ip);
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.consoleUser.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: "auth.password_changed",
      target: { type: "console_user", id: user.id, label: user.email },
      request,
      details: { wasForced: user.mustChangePassword },
    });
  });
  return { email: user.email };
}
