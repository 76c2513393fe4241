import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signOut } from "@/lib/auth/auth";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { getRequestContext } from "@/lib/http/request-context";

/** Audits the sign-out of the current user (if still signed in), clears the cookie and redirects to sign-in. */
export async function signOutConsoleUser(): Promise<void> {
  const user = await getCurrentConsoleUser();
  if (user) {
    await recordAuditEvent(db(), {
      actor: { type: "CONSOLE_USER", id: user.id, label: user.email },
      action: "auth.sign_out",
      request: await getRequestContext(),
    });
  }
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
