import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateConsoleUser } from "@/lib/auth/authenticate-console-user";
import { hashPassword } from "@/lib/auth/password";
import { accountOnNetwork, SIGN_IN_ACCOUNT_CEILING, SIGN_IN_THROTTLE } from "@/lib/auth/throttle-sign-in";
import { db } from "@/lib/db/prisma";
import { throttleKey } from "@/lib/rate-limit/backoff-throttle";
import { networkOf } from "@/lib/rate-limit/network-of";

// Issue 12, finding 5: five bad passwords used to lock any account, admins included, for everyone. The throttle is
// per account and network with growing waits; these tests are the lockout that must not happen.

const PASSWORD = "the real admin's long password";
let networkCounter = 0;

/** A fresh /24 for every caller in this file (the throttle follows networks, not single addresses). */
function freshNetwork(): (host: number) => string {
  networkCounter += 1;
  const prefix = `100.${64 + (networkCounter >> 8)}.${networkCounter & 255}`;
  return (host) => `${prefix}.${host}`;
}

async function createAdmin() {
  return db().consoleUser.create({
    data: { email: `admin-${randomUUID()}@example.com`, name: "Admin", role: "ADMIN", passwordHash: await hashPassword(PASSWORD), mustChangePassword: false },
  });
}

describe("sign-in throttle: no lockout switch for an attacker", () => {
  it("an attacker's burst of 100 wrong passwords leaves the real admin, on another network, signing in right after", async () => {
    const admin = await createAdmin();
    const attacker = freshNetwork();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) => authenticateConsoleUser({ email: admin.email, password: `guess ${index}` }, { ip: attacker(1 + (index % 200)), userAgent: "burst" })),
    );
    // Hosts of one /24 share the allowance: the attacker got at most 5 password checks.
    expect(answers.filter((answer) => answer.ok === false && answer.reason === "invalid_credentials").length).toBeLessThanOrEqual(SIGN_IN_THROTTLE.freeAttempts);
    expect(answers.filter((answer) => answer.ok)).toEqual([]);
    expect(await authenticateConsoleUser({ email: admin.email, password: PASSWORD }, { ip: attacker(250), userAgent: "burst" })).toMatchObject({ reason: "rate_limited" });

    const realAdmin = freshNetwork();
    expect(await authenticateConsoleUser({ email: admin.email, password: PASSWORD }, { ip: realAdmin(10), userAgent: "browser" })).toMatchObject({ ok: true, user: { id: admin.id } });
  });

  it("waits grow from a minute, doubling up to an hour, on the attacker's network only", async () => {
    const admin = await createAdmin();
    const attacker = freshNetwork();
    const attempt = () => authenticateConsoleUser({ email: admin.email, password: "wrong" }, { ip: attacker(7), userAgent: "" });
    const throttleRow = () => db().attemptThrottle.findUniqueOrThrow({ where: { key: throttleKey(SIGN_IN_THROTTLE, accountOnNetwork(admin.email, attacker(7))) } });
    const waits: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      // The first round spends the free attempts; each later round is one attempt after the previous wait.
      const tries = round === 0 ? SIGN_IN_THROTTLE.freeAttempts : 1;
      for (let index = 0; index < tries; index += 1) expect(await attempt()).toMatchObject({ reason: "invalid_credentials" });
      const row = await throttleRow();
      waits.push(Math.round((row.blockedUntil!.getTime() - row.lastAttemptAt.getTime()) / 1000));
      expect(await attempt()).toMatchObject({ reason: "rate_limited" });
      // The wait is over (moved back in the database instead of waiting).
      await db().attemptThrottle.update({ where: { key: row.key }, data: { blockedUntil: new Date(Date.now() - 1000) } });
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(await authenticateConsoleUser({ email: admin.email, password: PASSWORD }, { ip: freshNetwork()(1), userAgent: "" })).toMatchObject({ ok: true });
  });

  it("an attack spread over many networks alerts the desk once, slows every network, and still lets the admin in", async () => {
    const admin = await createAdmin();
    const attackers = Array.from({ length: SIGN_IN_ACCOUNT_CEILING.limit + 10 }, () => freshNetwork());
    const answers = await Promise.all(attackers.map((network) => authenticateConsoleUser({ email: admin.email, password: "wrong" }, { ip: network(1), userAgent: "" })));
    expect(answers.every((answer) => answer.ok === false && answer.reason === "invalid_credentials")).toBe(true);
    const alerts = await db().auditEvent.findMany({ where: { action: "security.alert", targetId: admin.id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.details).toMatchObject({ kind: "sign_in_attempts_ceiling", attempts: SIGN_IN_ACCOUNT_CEILING.limit });
    // Past the ceiling a new network gets one attempt before the waits begin, instead of five.
    const late = freshNetwork();
    expect(await authenticateConsoleUser({ email: admin.email, password: "wrong" }, { ip: late(1), userAgent: "" })).toMatchObject({ reason: "invalid_credentials" });
    expect(await authenticateConsoleUser({ email: admin.email, password: "wrong" }, { ip: late(2), userAgent: "" })).toMatchObject({ reason: "rate_limited" });
    // Slowed, never locked: the real admin's own attempt goes through.
    expect(await authenticateConsoleUser({ email: admin.email, password: PASSWORD }, { ip: freshNetwork()(1), userAgent: "" })).toMatchObject({ ok: true });
    expect(await db().auditEvent.count({ where: { action: "security.alert", targetId: admin.id } })).toBe(1);
  });

  it("groups IPv6 callers by /64", async () => {
    const admin = await createAdmin();
    const hosts = Array.from({ length: SIGN_IN_THROTTLE.freeAttempts + 3 }, (_, index) => `2001:db8:77:${networkCounter + 1}::${(index + 1).toString(16)}`);
    expect(new Set(hosts.map(networkOf)).size).toBe(1);
    const answers = await Promise.all(hosts.map((ip) => authenticateConsoleUser({ email: admin.email, password: "wrong" }, { ip, userAgent: "" })));
    expect(answers.filter((answer) => answer.ok === false && answer.reason === "invalid_credentials")).toHaveLength(SIGN_IN_THROTTLE.freeAttempts);
  });
});
