import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticateConsoleUser, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/authenticate-console-user";
import { revokeConsoleSession } from "@/lib/auth/revoke-console-session";
import { getServerEnv, usesSecureCookies } from "@/lib/config/server-env";
import { getRequestContext } from "@/lib/http/request-context";

/** Thrown from `authorize`; the code reaches our sign-in action, never a redirect URL we show. */
export class InvalidCredentialsError extends CredentialsSignin {
  code = "invalid_credentials";
}
export class RateLimitedError extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getServerEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: usesSecureCookies(env),
    // The Credentials provider only supports JWT sessions, so the JWT is a signed, encrypted carrier for a
    // ConsoleSession id (plus the user's sessionVersion); every request re-checks both against the database.
    // Signing out revokes the row; disabling a user, changing their role or password bumps the version.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials) {
          const result = await authenticateConsoleUser(
            { email: String(credentials.email ?? ""), password: String(credentials.password ?? "") },
            await getRequestContext(),
          );
          if (result.ok) {
            const { id, email, name, sessionVersion, sessionId } = result.user;
            return { id, email, name, sessionVersion, sessionId };
          }
          if (result.reason === "rate_limited") throw new RateLimitedError(result.retryAfterSeconds);
          throw new InvalidCredentialsError();
        },
      }),
    ],
    events: {
      // Every sign-out through Auth.js (POST /api/auth/signout as well as our button's signOut()) ends the
      // ConsoleSession row, so a cookie kept or copied elsewhere stops working, not only the one cleared here.
      async signOut(message) {
        if ("token" in message) await revokeConsoleSession(message.token, await getRequestContext());
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) {
          token.uid = user.id;
          token.sv = user.sessionVersion;
          token.sid = user.sessionId;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid };
      },
    },
    logger: {
      // Auth.js logs failed credential checks with stack traces; the audit log already has them.
      error(error) {
        if (error.name === "CredentialsSignin") return;
        process.stderr.write(`[auth] ${error.name}: ${error.message}\n`);
      },
      warn() {},
      debug() {},
    },
  };
});
