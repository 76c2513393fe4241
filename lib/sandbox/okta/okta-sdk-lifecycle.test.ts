import type { Client } from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { createHermeticOktaClient, generateServiceKey, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

let running: Awaited<ReturnType<typeof startOktaSandbox>>;
let key: ServiceKey;
let client: Client;

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "lifecycle-tests", userCount: 2000 });
  key = await generateServiceKey("lifecycle-key");
  running.sandbox.registerPublicKeys(running.connection.clientId, { keys: [key.publicJwk] });
  client = createHermeticOktaClient({ ...running.connection, scopes: ["okta.groups.read", "okta.users.manage", "okta.roles.read"], key });
});
afterAll(() => running.close());
beforeEach(() => running.sandbox.reset());

/** The first seeded user matching a predicate (the seed guarantees variety in 2000 people). */
function seededUser(predicate: (record: OktaUserRecord) => boolean): OktaUserRecord {
  for (let index = 0; index < running.sandbox.state.userCount; index += 1) {
    const record = running.sandbox.state.record(index);
    if (record && predicate(record)) return record;
  }
  throw new Error("no seeded user matches");
}
const plainActive = (record: OktaUserRecord) => record.status === "ACTIVE" && record.roles.length === 0;

async function observed(userId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${running.url}/_sandbox/users/${userId}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe("Okta sandbox through the official SDK: lifecycle", () => {
  it("resets a password to a one-time URL and puts the user in RECOVERY", async () => {
    const user = seededUser(plainActive);
    const result = await client.userApi.generateResetPasswordToken({ userId: user.id, sendEmail: false });
    expect(result.resetPasswordUrl).toMatch(new RegExp(`^${running.connection.orgUrl}/reset_password/drp`));
    expect((await client.userApi.getUser({ userId: user.id })).status).toBe("RECOVERY");
    expect(await observed(user.id)).toMatchObject({ status: "RECOVERY", resetPasswordUrlIssuedAt: expect.any(String), resetPasswordEmailSentAt: null });
  });

  it("expires a password (SDK) and issues a temporary one (raw request through the SDK's http client)", async () => {
    const user = seededUser(plainActive);
    const expired = await client.userApi.expirePassword({ userId: user.id });
    expect(expired.status).toBe("PASSWORD_EXPIRED");

    const other = seededUser((record) => plainActive(record) && record.id !== user.id);
    const url = `${running.connection.orgUrl}/api/v1/users/${other.id}/lifecycle/expire_password_with_temp_password?revokeSessions=true`;
    const response = await client.http.post(url);
    const body: unknown = await response.json();
    expect(body).toEqual({ tempPassword: expect.stringMatching(/^\S{8,}$/) });
    expect(await observed(other.id)).toMatchObject({
      status: "PASSWORD_EXPIRED",
      passwordExpiredAt: expect.any(String),
      tempPasswordIssuedAt: expect.any(String),
      sessionsClearedAt: expect.any(String),
    });
  });

  it("unlocks LOCKED_OUT users and refuses others with E0000032", async () => {
    const locked = seededUser((record) => record.status === "LOCKED_OUT" && record.roles.length === 0);
    await client.userApi.unlockUser({ userId: locked.id });
    expect(await observed(locked.id)).toMatchObject({ status: "ACTIVE", unlockedAt: expect.any(String) });
    await expect(client.userApi.unlockUser({ userId: locked.id })).rejects.toMatchObject({ status: 403, errorCode: "E0000032" });
  });

  it("refuses operations the user's status does not allow with E0000038", async () => {
    const deprovisioned = seededUser((record) => record.status === "DEPROVISIONED" && record.roles.length === 0);
    await expect(client.userApi.expirePassword({ userId: deprovisioned.id })).rejects.toMatchObject({ status: 403, errorCode: "E0000038" });
    await expect(client.userApi.resetFactors({ userId: deprovisioned.id })).rejects.toMatchObject({ status: 403, errorCode: "E0000038" });
  });

  it("lists factors, unenrolls one, and resets the rest", async () => {
    const user = seededUser((record) => plainActive(record) && record.factors.length >= 2);
    const factors = [];
    for await (const factor of await client.userFactorApi.listFactors({ userId: user.id })) factors.push(factor);
    expect(factors.map((factor) => factor?.id)).toEqual(user.factors.map((factor) => factor.id));
    const removed = factors[0];
    if (!removed?.id) throw new Error("no factor id");
    await client.userFactorApi.unenrollFactor({ userId: user.id, factorId: removed.id });
    expect(await observed(user.id)).toMatchObject({ factorsRemoved: [expect.objectContaining({ factorId: removed.id, factorType: removed.factorType })] });
    await expect(client.userFactorApi.unenrollFactor({ userId: user.id, factorId: removed.id })).rejects.toMatchObject({ status: 404, errorCode: "E0000007" });

    await client.userApi.resetFactors({ userId: user.id });
    const after = [];
    for await (const factor of await client.userFactorApi.listFactors({ userId: user.id })) after.push(factor);
    expect(after).toEqual([]);
    expect(await observed(user.id)).toMatchObject({ factorsResetAt: expect.any(String), factors: [] });
  });

  it("clears sessions and lists role assignments", async () => {
    const user = seededUser(plainActive);
    await client.userApi.revokeUserSessions({ userId: user.id, oauthTokens: true });
    expect(await observed(user.id)).toMatchObject({ sessionsClearedAt: expect.any(String), oauthTokensRevokedAt: expect.any(String) });

    const admin = seededUser((record) => record.roles.includes("SUPER_ADMIN"));
    const roles = [];
    for await (const role of await client.roleAssignmentApi.listAssignedRolesForUser({ userId: admin.id })) roles.push(role);
    expect(roles).toEqual([expect.objectContaining({ type: "SUPER_ADMIN", label: "Super Administrator", status: "ACTIVE" })]);
  });

  it("applies the Help Desk Administrator rule: admins and non-members are refused with E0000006", async () => {
    for (const role of ["SUPER_ADMIN", "ORG_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN"] as const) {
      const admin = seededUser((record) => record.status === "ACTIVE" && record.roles.includes(role));
      await expect(client.userApi.generateResetPasswordToken({ userId: admin.id, sendEmail: false }), role).rejects.toMatchObject({
        status: 403,
        errorCode: "E0000006",
      });
      expect((await observed(admin.id)).status).toBe("ACTIVE");
    }
    const outsider = seededUser(plainActive);
    expect((await fetch(`${running.url}/_sandbox/users/${outsider.id}/membership`, { method: "DELETE" })).status).toBe(204);
    await expect(client.userApi.revokeUserSessions({ userId: outsider.id })).rejects.toMatchObject({ status: 403, errorCode: "E0000006" });

    running.sandbox.configureApp(running.connection.clientId, { adminRole: "SUPER_ADMIN" });
    const superAdmin = seededUser((record) => record.status === "ACTIVE" && record.roles.includes("SUPER_ADMIN"));
    await client.userApi.expirePassword({ userId: superAdmin.id });
    expect((await observed(superAdmin.id)).status).toBe("PASSWORD_EXPIRED");
  });

  it("records an ordered event log and resets to the seed state", async () => {
    const user = seededUser(plainActive);
    await client.userApi.expirePassword({ userId: user.id });
    await client.userApi.resetFactors({ userId: user.id });
    const events: Array<{ sequence: number; type: string; userId: string | null }> = await (await fetch(`${running.url}/_sandbox/events`)).json();
    const forUser = events.filter((event) => event.userId === user.id).map((event) => event.type);
    expect(forUser).toEqual(["user.lifecycle.expire_password", "user.lifecycle.reset_factors"]);
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, position) => position + 1));

    expect((await fetch(`${running.url}/_sandbox/reset`, { method: "POST" })).status).toBe(204);
    expect(await observed(user.id)).toMatchObject({ status: "ACTIVE", passwordExpiredAt: null, factorsResetAt: null, factors: user.factors });
    expect(await (await fetch(`${running.url}/_sandbox/events`)).json()).toEqual([]);
  });
});
