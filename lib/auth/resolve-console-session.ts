import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { sessionClaimsSchema } from "@/lib/auth/revoke-console-session";
import { readConsoleSecuritySettings, secondFactorRequiredFor } from "@/lib/auth/second-factor-policy";

/**
 * Where a session stands with the second factor: `verified` (proved one at sign-in or since), `needed` (has one,
 * has not proved it yet), `enrolment_needed` (must have one and has none), `not_required` (none, and the role
 * does not require one). Only `verified` and `not_required` may use the console.
 */
export type SecondFactorState = "verified" | "needed" | "enrolment_needed" | "not_required";

export type CurrentConsoleUser = {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  mustChangePassword: boolean;
  sessionVersion: number;
  sessionId: string;
  secondFactor: SecondFactorState;
  /** When this session last proved a second factor (step-up compares against it). */
  secondFactorAt: Date | null;
  /** Whether the account has a usable second factor (a passkey, or TOTP while the console allows it). */
  hasSecondFactor: boolean;
};

/**
 * The console user a session token's claims stand for, re-read from the database: a valid JWT alone is not
 * enough: its session must not be revoked or expired, the account must still be active and its session version
 * current. Null for anything else.
 */
export async function resolveConsoleSession(rawClaims: unknown): Promise<CurrentConsoleUser | null> {
  const claims = sessionClaimsSchema.safeParse(rawClaims);
  if (!claims.success) return null;
  const session = await db().consoleSession.findUnique({
    where: { id: claims.data.sid },
    select: {
      revokedAt: true,
      expiresAt: true,
      secondFactorAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          status: true,
          mustChangePassword: true,
          sessionVersion: true,
          _count: { select: { passkeys: true } },
          totp: { select: { enabledAt: true } },
        },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  const { user } = session;
  if (user.id !== claims.data.uid || user.status !== "ACTIVE" || user.sessionVersion !== claims.data.sv) return null;
  const totpUsable = Boolean(user.totp?.enabledAt) && (await readConsoleSecuritySettings(db())).totpAllowed;
  const hasSecondFactor = user._count.passkeys > 0 || totpUsable;
  const secondFactor: SecondFactorState = session.secondFactorAt
    ? "verified"
    : hasSecondFactor
      ? "needed"
      : secondFactorRequiredFor(user.role)
        ? "enrolment_needed"
        : "not_required";
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
    sessionId: claims.data.sid,
    secondFactor,
    secondFactorAt: session.secondFactorAt,
    hasSecondFactor,
  };
}

/** Whether a session may use the console (everything but the second-factor and enrolment pages). */
export function secondFactorSatisfied(user: Pick<CurrentConsoleUser, "secondFactor">): boolean {
  return user.secondFactor === "verified" || user.secondFactor === "not_required";
}
