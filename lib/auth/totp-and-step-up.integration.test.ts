import { randomUUID } from "node:crypto";
import { generateSecret, generateSync } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import { resolveConsoleSession } from "@/lib/auth/resolve-console-session";
import { TOTP_PERIOD_SECONDS, totpSealContext } from "@/lib/auth/totp-step";
import { finishPasskeyAssertion, startPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { verifyTotpCode } from "@/lib/auth/verify-totp-code";
import { finishPasskeyEnrolment, startPasskeyEnrolment } from "@/lib/auth/enrol-passkey";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { createSoftwareAuthenticator } from "@/lib/testing/software-authenticator";

const RP = { origin: "http://localhost:3000", rpId: "localhost" };
const request = { ip: "203.0.113.9", userAgent: "vitest" };

async function createUserWithSession(role: "ADMIN" | "HELPDESK" = "ADMIN") {
  const user = await db().consoleUser.create({
    data: { email: `user-${randomUUID()}@example.com`, name: "User", role, passwordHash: "x", mustChangePassword: false },
  });
  const session = await db().consoleSession.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { ...user, sessionId: session.id, secondFactorAt: null, hasSecondFactor: false };
}

/** A user with a confirmed TOTP factor; returns its secret. */
async function withTotp(userId: string): Promise<string> {
  const secret = generateSecret();
  await db().consoleTotp.create({ data: { userId, sealedSecret: sealSecret(secret, totpSealContext(userId)), enabledAt: new Date() } });
  return secret;
}

beforeAll(async () => {
  await db().consoleSecuritySettings.upsert({ where: { id: 1 }, create: { id: 1, totpAllowed: true }, update: { totpAllowed: true } });
});

describe("TOTP fallback", () => {
  it("a code is accepted once, even by a parallel burst; the reuse is refused and audited", async () => {
    const user = await createUserWithSession();
    const secret = await withTotp(user.id);
    const code = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
    const sessions = await Promise.all(
      Array.from({ length: 5 }, () => db().consoleSession.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } })),
    );
    const outcomes = await Promise.allSettled(sessions.map((session) => verifyTotpCode({ ...user, sessionId: session.id }, code, "sign_in", request)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const proved = await db().consoleSession.count({ where: { id: { in: sessions.map((session) => session.id) }, secondFactorAt: { not: null } } });
    expect(proved).toBe(1);
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "auth.second_factor_verified" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "auth.second_factor_failed" } })).toBe(4);
  });

  it("refuses a wrong code and a code older than one step; attempts are rate-limited", async () => {
    const user = await createUserWithSession();
    const secret = await withTotp(user.id);
    const old = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) - 3 * TOTP_PERIOD_SECONDS });
    await expect(verifyTotpCode(user, old, "sign_in", request)).rejects.toThrow(/not right/);
    await expect(verifyTotpCode(user, "000000", "sign_in", request)).rejects.toThrow(/not right/);
    for (let attempt = 0; attempt < 3; attempt += 1) await verifyTotpCode(user, "12345x", "sign_in", request).catch(() => null);
    const good = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
    await expect(verifyTotpCode(user, good, "sign_in", request)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await db().consoleSession.findUniqueOrThrow({ where: { id: user.sessionId } })).toMatchObject({ secondFactorAt: null });
  });

  it("is refused while the console does not allow TOTP", async () => {
    const user = await createUserWithSession();
    const secret = await withTotp(user.id);
    await db().consoleSecuritySettings.update({ where: { id: 1 }, data: { totpAllowed: false } });
    try {
      await expect(verifyTotpCode(user, generateSync({ secret, epoch: Math.floor(Date.now() / 1000) }), "sign_in", request)).rejects.toMatchObject({ code: "forbidden" });
    } finally {
      await db().consoleSecuritySettings.update({ where: { id: 1 }, data: { totpAllowed: true } });
    }
  });
});

describe("step-up", () => {
  it("refuses a stale second factor and accepts a fresh one; a passkey step-up makes it fresh and is audited", async () => {
    const admin = await createUserWithSession();
    const authenticator = createSoftwareAuthenticator(RP);
    await finishPasskeyEnrolment(admin, { name: "Laptop", response: authenticator.register(await startPasskeyEnrolment(admin)) }, request);
    await db().consoleSession.update({ where: { id: admin.sessionId }, data: { secondFactorAt: new Date(Date.now() - 11 * 60_000) } });
    const claims = { uid: admin.id, sv: admin.sessionVersion, sid: admin.sessionId };

    const stale = await resolveConsoleSession(claims);
    expect(stale).toMatchObject({ secondFactor: "verified", hasSecondFactor: true });
    expect(() => requireRecentSecondFactor(stale!)).toThrow(expect.objectContaining({ code: "step_up_required" }));

    await finishPasskeyAssertion(admin, authenticator.assert(await startPasskeyAssertion(admin)), "step_up", request);
    const fresh = await resolveConsoleSession(claims);
    expect(() => requireRecentSecondFactor(fresh!)).not.toThrow();
    expect(await db().auditEvent.count({ where: { actorId: admin.id, action: "auth.step_up" } })).toBe(1);
  });

  it("a session with only the password is not a console session for an admin; a helpdesk agent without factors is told to add one", async () => {
    const admin = await createUserWithSession("ADMIN");
    expect(await resolveConsoleSession({ uid: admin.id, sv: admin.sessionVersion, sid: admin.sessionId })).toMatchObject({ secondFactor: "enrolment_needed" });
    const agent = await createUserWithSession("HELPDESK");
    const resolved = await resolveConsoleSession({ uid: agent.id, sv: agent.sessionVersion, sid: agent.sessionId });
    expect(resolved).toMatchObject({ secondFactor: "not_required", hasSecondFactor: false });
    expect(() => requireRecentSecondFactor(resolved!)).toThrow(/Add a passkey/);
  });
});
