import "server-only";
import { auth, signOut } from "@/lib/auth/auth";
import { revokeConsoleSession } from "@/lib/auth/revoke-console-session";
import { getRequestContext } from "@/lib/http/request-context";

/**
 * The console's sign-out button: revokes the current session server-side (a copied cookie dies with it) and
 * audits it, then clears the cookie. Revoking here first means a database failure stops the sign-out visibly
 * instead of being swallowed by Auth.js's event handler (which revokes too, for `/api/auth/signout`; the second
 * revocation is a no-op).
 */
export async function signOutConsoleUser(): Promise<void> {
  await revokeConsoleSession(await auth(), await getRequestContext());
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
