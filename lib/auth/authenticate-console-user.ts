import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyAgainstDummyHash, verifyPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { reserveSignInAttempt, settleSuccessfulSignIn, SIGN_IN_ACCOUNT_CEILING, UNDER_ATTACK_FREE_ATTEMPTS } from "@/lib/auth/throttle-sign-in";

/** Console sessions end after 8 hours, whatever the activity (a working day). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const signInInputSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "Enter a valid e-mail address." })),
  password: z.string().min(1, "Enter your password.").max(256),
});

export type AuthenticatedConsoleUser = {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  sessionVersion: number;
  /** The ConsoleSession row created for this sign-in; the session cookie carries its id. */
  sessionId: string;
};

export type AuthenticationResult =
  | { ok: true; user: AuthenticatedConsoleUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks console credentials. Every failure (unknown account, wrong password, disabled account) looks and
 * takes the same; only the throttle is told apart, and it applies to unknown accounts too, so it reveals
 * nothing about which accounts exist. The throttle is per account and network with growing waits
 * (lib/auth/throttle-sign-in.ts): no burst from elsewhere can lock the real user out. Records sign-in, failure,
 * throttling and the desk's alert in the audit log.
 */
export async function authenticateConsoleUser(
  input: { email: string; password: string },
  request: RequestContext,
): Promise<AuthenticationResult> {
  const parsed = signInInputSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : String(input.email ?? "").trim().toLowerCase().slice(0, 254);
  // Only a well-formed address is written to the log: a malformed "e-mail" is often a password typed in the wrong box.
  const loggedEmail = parsed.success ? email : undefined;

  // Count first, verify second: the attempt reserves its place in every counter (one conditional write each)
  // before any password is checked, so a parallel burst gets at most the allowance's verifications.
  const slot = await reserveSignInAttempt(email, request.ip);
  if (!slot.reserved) {
    await recordAuditEvent(db(), {
      actor: { type: "ANONYMOUS", label: loggedEmail },
      action: "auth.sign_in_rate_limited",
      request,
      details: { scope: slot.scope },
    });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: slot.retryAfterSeconds };
  }

  const user = parsed.success ? await db().consoleUser.findUnique({ where: { email } }) : null;
  if (slot.ceilingReached) {
    // Raised for unknown accounts too: the caller never sees it, and an attack on a guessed address is news.
    await recordAuditEvent(db(), {
      actor: { type: "SYSTEM", label: "sign-in throttle" },
      action: "security.alert",
      target: user ? { type: "console_user", id: user.id, label: user.email } : { type: "console_user", label: loggedEmail },
      request,
      details: {
        kind: "sign_in_attempts_ceiling",
        attempts: SIGN_IN_ACCOUNT_CEILING.limit,
        windowMinutes: SIGN_IN_ACCOUNT_CEILING.windowSeconds / 60,
        // What the throttle does now, for the admin reading the alert.
        effect: `every network now gets ${UNDER_ATTACK_FREE_ATTEMPTS} free attempt before the waits begin; nobody is locked out`,
      },
    });
  }
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummyHash(String(input.password ?? ""));

  if (!user || !passwordMatches || user.status !== "ACTIVE") {
    // Already counted by the reservation above.
    await recordAuditEvent(db(), {
      actor: user ? consoleUserActor(user) : { type: "ANONYMOUS", label: loggedEmail },
      action: "auth.sign_in_failed",
      request,
      // The reason is for admins reading the log, never for the caller.
      details: { reason: !user ? "unknown_account" : !passwordMatches ? "wrong_password" : "account_disabled" },
    });
    return { ok: false, reason: "invalid_credentials" };
  }

  await settleSuccessfulSignIn(email, request.ip);
  const session = await db().$transaction(async (tx) => {
    await tx.consoleUser.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    const created = await tx.consoleSession.create({
      data: {
        userId: user.id,
        expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
        ip: request.ip,
        userAgent: request.userAgent.slice(0, 512),
      },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: "auth.sign_in",
      request,
      details: { sessionId: created.id },
    });
    return created;
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
      sessionId: session.id,
    },
  };
}
