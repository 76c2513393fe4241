import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateConsoleUser } from "@/lib/auth/authenticate-console-user";
import { SIGN_IN_NETWORK_RULE, SIGN_IN_THROTTLE } from "@/lib/auth/throttle-sign-in";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";

const PASSWORD = "a sufficiently long password";

function uniqueIp(): string {
  const bytes = randomUUID().replaceAll("-", "");
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}`;
}

async function createUser(overrides: { status?: "ACTIVE" | "DISABLED" } = {}) {
  return db().consoleUser.create({
    data: {
      email: `${randomUUID()}@example.com`,
      name: "Agent",
      role: "HELPDESK",
      passwordHash: await hashPassword(PASSWORD),
      mustChangePassword: false,
      ...overrides,
    },
  });
}

describe("console sign-in", () => {
  it("accepts the right password (case-insensitive e-mail) and records the sign-in", async () => {
    const user = await createUser();
    const request = { ip: uniqueIp(), userAgent: "vitest" };
    const result = await authenticateConsoleUser({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD }, request);
    expect(result).toEqual({ ok: true, user: expect.objectContaining({ id: user.id, role: "HELPDESK", sessionVersion: 1 }) });
    const events = await db().auditEvent.findMany({ where: { actorId: user.id } });
    expect(events.map((event) => event.action)).toEqual(["auth.sign_in"]);
    expect((await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("gives the same answer for a wrong password, an unknown account and a disabled account", async () => {
    const active = await createUser();
    const disabled = await createUser({ status: "DISABLED" });
    const request = { ip: uniqueIp(), userAgent: "vitest" };
    const answers = [
      await authenticateConsoleUser({ email: active.email, password: "wrong password" }, request),
      await authenticateConsoleUser({ email: `${randomUUID()}@example.com`, password: PASSWORD }, request),
      await authenticateConsoleUser({ email: disabled.email, password: PASSWORD }, request),
    ];
    expect(answers).toEqual(Array(3).fill({ ok: false, reason: "invalid_credentials" }));
    const reasons = await db().auditEvent.findMany({
      where: { action: "auth.sign_in_failed", ip: request.ip },
      orderBy: { id: "asc" },
    });
    expect(reasons.map((event) => (event.details as { reason: string }).reason)).toEqual([
      "wrong_password",
      "unknown_account",
      "account_disabled",
    ]);
  });

  it("slows the account on the network that failed, even with the right password, and there only", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    for (let attempt = 0; attempt < SIGN_IN_THROTTLE.freeAttempts; attempt += 1) {
      expect(await authenticateConsoleUser({ email: user.email, password: "nope" }, { ip, userAgent: "" })).toMatchObject({ reason: "invalid_credentials" });
    }
    const blocked = await authenticateConsoleUser({ email: user.email, password: PASSWORD }, { ip, userAgent: "" });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    // A minute's wait, not a window-long lockout.
    expect(blocked.ok === false && blocked.reason === "rate_limited" && blocked.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_THROTTLE.baseDelaySeconds);
    expect(await db().auditEvent.count({ where: { action: "auth.sign_in_rate_limited", actorLabel: user.email } })).toBe(1);
    expect(await authenticateConsoleUser({ email: user.email, password: PASSWORD }, { ip: uniqueIp(), userAgent: "" })).toMatchObject({ ok: true });
  });

  it("throttles unknown accounts the same way (the throttle reveals nothing)", async () => {
    const email = `${randomUUID()}@example.com`;
    const ip = uniqueIp();
    for (let attempt = 0; attempt < SIGN_IN_THROTTLE.freeAttempts; attempt += 1) {
      await authenticateConsoleUser({ email, password: "nope" }, { ip, userAgent: "" });
    }
    expect(await authenticateConsoleUser({ email, password: "nope" }, { ip, userAgent: "" })).toMatchObject({ reason: "rate_limited" });
  });

  it("throttles an address that tries many accounts", async () => {
    const ip = uniqueIp();
    for (let attempt = 0; attempt < SIGN_IN_NETWORK_RULE.limit; attempt += 1) {
      await authenticateConsoleUser({ email: `${randomUUID()}@example.com`, password: "nope" }, { ip, userAgent: "" });
    }
    const user = await createUser();
    expect(await authenticateConsoleUser({ email: user.email, password: PASSWORD }, { ip, userAgent: "" })).toMatchObject({ reason: "rate_limited" });
    expect(await authenticateConsoleUser({ email: user.email, password: PASSWORD }, { ip: uniqueIp(), userAgent: "" })).toMatchObject({ ok: true });
  });

  it("counts concurrent failures exactly (atomic counter shared by all instances)", async () => {
    const email = `${randomUUID()}@example.com`;
    const ip = uniqueIp();
    await Promise.all(
      Array.from({ length: SIGN_IN_THROTTLE.freeAttempts }, () => authenticateConsoleUser({ email, password: "x" }, { ip, userAgent: "" })),
    );
    expect(await authenticateConsoleUser({ email, password: "x" }, { ip, userAgent: "" })).toMatchObject({ reason: "rate_limited" });
  });

  it("verifies at most `limit` passwords of a parallel burst: the attempt is counted before argon2 runs", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => authenticateConsoleUser({ email: user.email, password: "wrong password" }, { ip, userAgent: "" })),
    );
    // Every verified attempt leaves one auth.sign_in_failed row: that is the number of argon2 checks that ran.
    const verified = await db().auditEvent.count({ where: { action: "auth.sign_in_failed", actorId: user.id } });
    expect(verified).toBeLessThanOrEqual(SIGN_IN_THROTTLE.freeAttempts);
    expect(answers.filter((answer) => answer.ok === false && answer.reason === "invalid_credentials")).toHaveLength(verified);
    expect(answers.filter((answer) => answer.ok === false && answer.reason === "rate_limited")).toHaveLength(50 - verified);
  });

  it("never stores the e-mail or IP in the rate-limit table", async () => {
    const email = `${randomUUID()}@example.com`;
    const ip = uniqueIp();
    await authenticateConsoleUser({ email, password: "x" }, { ip, userAgent: "" });
    const keys = [...(await db().rateLimitBucket.findMany()), ...(await db().attemptThrottle.findMany())].map((row) => row.key).join("\n");
    expect(keys).not.toContain(email);
    expect(keys).not.toContain(ip);
  });
});
