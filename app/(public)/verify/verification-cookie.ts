import "server-only";
import { cookies } from "next/headers";
import { getServerEnv } from "@/lib/config/server-env";
import { loadVerificationSession, VERIFICATION_SESSION_COOKIE, type VerificationSession } from "@/lib/verification/requests/load-verification-session";

export async function setVerificationCookie(sessionToken: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(VERIFICATION_SESSION_COOKIE, sessionToken, {
    httpOnly: true,
    sameSite: "strict",
    secure: new URL(getServerEnv().APP_URL).protocol === "https:",
    path: "/",
    expires: expiresAt,
  });
}

/** The verification this browser is working on, from its session cookie. */
export async function currentVerificationSession(): Promise<VerificationSession | null> {
  return loadVerificationSession((await cookies()).get(VERIFICATION_SESSION_COOKIE)?.value);
}
