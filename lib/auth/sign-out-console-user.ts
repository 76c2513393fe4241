import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signOut } from "@/lib/auth/auth";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { getRequestContext } from "@/lib/http/request-context";

/** Revokes the current session server-side (a copied cookie dies with it), audits it, clears the cookie. */
export async function signOutConsoleUser(): Promise<void> {
  const user = await getCurrentConsoleUser();
  if (user) {
    const request = await getRequestContext();
    await db().$transaction(async (tx) => {
      await tx.consoleSession.update({ where: { id: user.sessionId }, data: { revokedAt: new Date() } });
      await recordAuditEvent(tx, {
        actor: consoleUserActor(user),
        action: "auth.sign_out",
        request,
        details: { sessionId: user.sessionId },
      });
    });
  }
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
