import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { readConsoleSecuritySettings } from "@/lib/auth/second-factor-policy";
import { matchTotpStep, totpSealContext } from "@/lib/auth/totp-step";
import type { AssertionPurpose } from "@/lib/auth/verify-passkey-assertion";
import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { reserveRateLimit } from "@/lib/rate-limit/rate-limit";

/** Five TOTP attempts per account per 5 minutes: a million codes cannot be walked through. */
export const TOTP_ATTEMPTS = { name: "console-totp:account", limit: 5, windowSeconds: 5 * 60 };

const WRONG_CODE = "That code is not right, or was already used. Wait for the next one.";

/**
 * Checks a TOTP code as the second factor (sign-in or step-up), when the console allows TOTP. Each attempt
 * takes a place in the per-account rate limit first. A matching code is accepted once: its step is reserved by
 * one conditional UPDATE (only if it is later than the last step used), in the same transaction as the
 * session's `secondFactorAt` and the audit event, so a parallel burst of one code gets one success.
 */
export async function verifyTotpCode(
  user: Pick<CurrentConsoleUser, "id" | "email" | "sessionId">,
  code: string,
  purpose: AssertionPurpose,
  request: RequestContext,
): Promise<void> {
  if (!(await readConsoleSecuritySettings(db())).totpAllowed) throw new AppError("forbidden", "Authenticator app codes are not allowed here: use your passkey.");
  const slot = await reserveRateLimit(TOTP_ATTEMPTS, user.id);
  if (!slot.reserved) {
    await recordAuditEvent(db(), { actor: consoleUserActor(user), action: "auth.second_factor_failed", request, details: { purpose, method: "totp", reason: "rate_limited" } });
    throw new AppError("rate_limited", `Too many codes tried. Try again in ${Math.max(1, Math.ceil(slot.retryAfterSeconds / 60))} minutes.`);
  }
  const totp = await db().consoleTotp.findUnique({ where: { userId: user.id } });
  const step = totp?.enabledAt ? matchTotpStep(openSecret(totp.sealedSecret, totpSealContext(user.id)), code.trim()) : null;
  const accepted =
    step !== null &&
    (await db().$transaction(async (tx) => {
      const reserved = await tx.$executeRaw`
        UPDATE console_totp SET "lastUsedStep" = ${step}
        WHERE "userId" = ${user.id}::uuid AND "enabledAt" IS NOT NULL AND ("lastUsedStep" IS NULL OR "lastUsedStep" < ${step})`;
      if (reserved !== 1) return false;
      const session = await tx.consoleSession.updateMany({ where: { id: user.sessionId, revokedAt: null }, data: { secondFactorAt: new Date() } });
      if (session.count !== 1) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      await recordAuditEvent(tx, {
        actor: consoleUserActor(user),
        action: purpose === "step_up" ? "auth.step_up" : "auth.second_factor_verified",
        request,
        details: { method: "totp", sessionId: user.sessionId },
      });
      return true;
    }));
  if (!accepted) {
    await recordAuditEvent(db(), {
      actor: consoleUserActor(user),
      action: "auth.second_factor_failed",
      request,
      details: { purpose, method: "totp", reason: step === null ? "wrong_code" : "code_reused" },
    });
    throw new AppError("invalid_input", WRONG_CODE);
  }
}
