import { randomUUID } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { handlers } from "@/lib/auth/auth";
import { authenticateConsoleUser } from "@/lib/auth/authenticate-console-user";
import { hashPassword } from "@/lib/auth/password";
import { resolveConsoleSession } from "@/lib/auth/resolve-console-session";
import { revokeConsoleSession } from "@/lib/auth/revoke-console-session";
import { db } from "@/lib/db/prisma";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

// APP_URL is http in tests, so Auth.js uses the unprefixed cookie names.
const SESSION_COOKIE = "authjs.session-token";
const BASE = "http://localhost:3000/api/auth";

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

/** Signs in for real and returns the session cookie's value as Auth.js would have set it. */
async function signedInCookie() {
  const password = "a sufficiently long password";
  const user = await db().consoleUser.create({
    data: { email: `${randomUUID()}@example.com`, name: "Admin", role: "ADMIN", passwordHash: await hashPassword(password), mustChangePassword: false },
  });
  const result = await authenticateConsoleUser({ email: user.email, password }, { ip: "192.0.2.10", userAgent: "vitest" });
  if (!result.ok) throw new Error("sign-in failed");
  const claims = { sub: user.id, uid: user.id, sv: result.user.sessionVersion, sid: result.user.sessionId };
  const token = await encode({ token: claims, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
  return { user, sessionId: result.user.sessionId, token };
}

async function oldCookieClaims(token: string) {
  return decode({ token, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
}

describe("POST /api/auth/signout", () => {
  it("revokes the server-side session: the old cookie no longer authenticates, and the sign-out is audited", async () => {
    const { user, sessionId, token } = await signedInCookie();
    expect(await resolveConsoleSession(await oldCookieClaims(token))).toMatchObject({ id: user.id, sessionId });

    const csrf = await handlers.GET(new NextRequest(`${BASE}/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await handlers.POST(
      new NextRequest(`${BASE}/signout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...cookiesOf(csrf), `${SESSION_COOKIE}=${token}`].join("; ") },
        body: new URLSearchParams({ csrfToken, callbackUrl: "http://localhost:3000/sign-in" }),
      }),
    );
    // The browser's cookie is cleared ...
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
    // ... and a copy of it kept elsewhere is dead too.
    expect(await resolveConsoleSession(await oldCookieClaims(token))).toBeNull();
    expect((await db().consoleSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    expect(await db().auditEvent.count({ where: { action: "auth.sign_out", actorId: user.id } })).toBe(1);
  });

  it("revokes and audits once when both the console's button and the Auth.js event end the same session", async () => {
    const { user, token } = await signedInCookie();
    const claims = await oldCookieClaims(token);
    const request = { ip: "192.0.2.10", userAgent: "vitest" };
    expect(await Promise.all([revokeConsoleSession(claims, request), revokeConsoleSession(claims, request)])).toEqual(expect.arrayContaining([true, false]));
    expect(await db().auditEvent.count({ where: { action: "auth.sign_out", actorId: user.id } })).toBe(1);
    // Claims that are not ours (a forged or foreign token) revoke nothing.
    expect(await revokeConsoleSession({ sid: "nope" }, request)).toBe(false);
  });
});
