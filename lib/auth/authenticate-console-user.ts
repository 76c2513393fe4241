import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyAgainstDummyHash, verifyPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { type RateLimitRule, releaseRateLimit, reserveRateLimit, resetRateLimit } from "@/lib/rate-limit/rate-limit";

/** Console sessions end after 8 hours, whatever the activity (a working day). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Attempts per account (known or not) and per caller address before sign-in is refused for the window; successes are given back. */
export const SIGN_IN_ACCOUNT_RULE: RateLimitRule = { name: "sign-in:account", limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_IP_RULE: RateLimitRule = { name: "sign-in:ip", limit: 30, windowSeconds: 15 * 60 };

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
 * takes the same; only the rate limit is told apart, and it applies to unknown accounts too, so it reveals
 * nothing about which accounts exist. Records sign-in, failure and throttling in the audit log.
 */
export async function authenticateConsoleUser(
  input: { email: string; password: string },
  request: RequestContext,
): Promise<AuthenticationResult> {
  const parsed = signInInputSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : String(input.email ?? "").trim().toLowerCase().slice(0, 254);
  // Only a well-formed address is written to the log: a malformed "e-mail" is often a password typed in the wrong box.
  const loggedEmail = parsed.success ? email : undefined;

  // Count first, verify second: each attempt reserves its place in both counters with one conditional write
  // before any password is checked, so a parallel burst gets at most `limit` verifications, not one per request.
  const ipSlot = await reserveRateLimit(SIGN_IN_IP_RULE, request.ip);
  const accountSlot = ipSlot.reserved ? await reserveRateLimit(SIGN_IN_ACCOUNT_RULE, email) : null;
  if (!ipSlot.reserved || !accountSlot?.reserved) {
    // The network's place is given back: the attempt was refused, so no password was tried with it.
    if (ipSlot.reserved) await releaseRateLimit(SIGN_IN_IP_RULE, request.ip);
    await recordAuditEvent(db(), {
      actor: { type: "ANONYMOUS", label: loggedEmail },
      action: "auth.sign_in_rate_limited",
      request,
      details: { scope: ipSlot.reserved ? "account" : "ip" },
    });
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(ipSlot.reserved ? 0 : ipSlot.retryAfterSeconds, accountSlot?.retryAfterSeconds ?? 0),
    };
  }

  const user = parsed.success ? await db().consoleUser.findUnique({ where: { email } }) : null;
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummyHash(String(input.password ?? ""));

  if (!user || !passwordMatches || user.status !== "ACTIVE") {
    // Already counted by the reservations above.
    await recordAuditEvent(db(), {
      actor: user ? consoleUserActor(user) : { type: "ANONYMOUS", label: loggedEmail },
      action: "auth.sign_in_failed",
      request,
      // The reason is for admins reading the log, never for the caller.
      details: { reason: !user ? "unknown_account" : !passwordMatches ? "wrong_password" : "account_disabled" },
    });
    return { ok: false, reason: "invalid_credentials" };
  }

  // A success is not a failure: the account's counter starts over and the network gets its place back.
  await Promise.all([resetRateLimit(SIGN_IN_ACCOUNT_RULE, email), releaseRateLimit(SIGN_IN_IP_RULE, request.ip)]);
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
