import "server-only";
import { cookies } from "next/headers";
import type { NextResponse } from "next/server";
import { getServerEnv } from "@/lib/config/server-env";

/**
 * Binds the browser that followed the IdP's request to that transaction. Lax, not Strict: the browser arrives by
 * a cross-site redirect from the IdP, and a Strict cookie would not come back on the redirect chain's next page.
 */
const IDV_COOKIE = "verifyd_idv";

export function setIdvCookie(response: NextResponse, token: string, expiresAt: Date): void {
  response.cookies.set(IDV_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: new URL(getServerEnv().APP_URL).protocol === "https:", path: "/idv", expires: expiresAt });
}

export function clearIdvCookie(response: NextResponse): void {
  response.cookies.set(IDV_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/idv", maxAge: 0 });
}

export async function readIdvCookie(): Promise<string | undefined> {
  return (await cookies()).get(IDV_COOKIE)?.value;
}

/** A 303 to one of our own pages (absolute, as a Location must be). */
export function appUrl(path: string): URL {
  return new URL(path, getServerEnv().APP_URL);
}
