import "server-only";
import { cookies } from "next/headers";
import { getServerEnv } from "@/lib/config/server-env";

/** Holds the self-service link between the address form and the "continue here or on your phone" page. */
const PORTAL_COOKIE = "verifyd_portal";

export async function setPortalCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(PORTAL_COOKIE, token, { httpOnly: true, sameSite: "strict", secure: new URL(getServerEnv().APP_URL).protocol === "https:", path: "/portal", expires: expiresAt });
}

export async function readPortalCookie(): Promise<string | null> {
  return (await cookies()).get(PORTAL_COOKIE)?.value ?? null;
}
