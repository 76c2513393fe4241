import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { sessionClaimsSchema } from "@/lib/auth/revoke-console-session";

export type CurrentConsoleUser = {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  mustChangePassword: boolean;
  sessionVersion: number;
  sessionId: string;
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
      user: {
        select: { id: true, email: true, name: true, role: true, status: true, mustChangePassword: true, sessionVersion: true },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  const { user } = session;
  if (user.id !== claims.data.uid || user.status !== "ACTIVE" || user.sessionVersion !== claims.data.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
    sessionId: claims.data.sid,
  };
}
