import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";

/** What a console session's JWT carries (lib/auth/auth.ts writes it at sign-in). */
export const sessionClaimsSchema = z.object({ uid: z.uuid(), sv: z.number().int(), sid: z.uuid() });
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * Ends a console session on the server, so the cookie dies even where the browser keeps (or an attacker copied)
 * it. Conditional on the session still being live and belonging to the token's user, so signing out twice, or
 * through both the console's button and `/api/auth/signout`, revokes and audits once. Returns whether it did.
 */
export async function revokeConsoleSession(rawClaims: unknown, request: RequestContext): Promise<boolean> {
  const claims = sessionClaimsSchema.safeParse(rawClaims);
  if (!claims.success) return false;
  const { sid, uid } = claims.data;
  return db().$transaction(async (tx) => {
    const revoked = await tx.consoleSession.updateMany({ where: { id: sid, userId: uid, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count !== 1) return false;
    const user = await tx.consoleUser.findUniqueOrThrow({ where: { id: uid }, select: { id: true, email: true } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: "auth.sign_out",
      request,
      details: { sessionId: sid },
    });
    return true;
  });
}
