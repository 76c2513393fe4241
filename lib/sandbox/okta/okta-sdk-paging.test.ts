import type { Client } from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHermeticOktaClient, generateServiceKey, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

const USER_COUNT = 3000;
let running: Awaited<ReturnType<typeof startOktaSandbox>>;
let key: ServiceKey;
let client: Client;

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "paging-tests", userCount: USER_COUNT });
  key = await generateServiceKey("paging-key");
  running.sandbox.registerPublicKeys(running.connection.clientId, key.publicJwk);
  client = createHermeticOktaClient({ ...running.connection, scopes: ["okta.groups.read", "okta.users.manage"], key });
});
afterAll(() => running.close());

describe("Okta sandbox through the official SDK: group members", () => {
  it("pages every member exactly once with limit 200, after the DPoP nonce challenge", async () => {
    const seen = new Map<string, number>();
    const members = await client.groupApi.listGroupUsers({ groupId: running.connection.groupId, limit: 200 });
    for await (const user of members) {
      if (!user?.id) throw new Error("the SDK yielded a user without id");
      seen.set(user.id, (seen.get(user.id) ?? 0) + 1);
    }
    expect(seen.size).toBe(USER_COUNT);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    const tokenEvents = running.sandbox.state.eventsSince(0).filter((event) => event.type === "oauth2.token.issued");
    expect(tokenEvents).toEqual([expect.objectContaining({ detail: { tokenType: "DPoP", scope: "okta.groups.read okta.users.manage" } })]);
  });

  it("skips members removed from the group and includes added employees", async () => {
    const removed = running.sandbox.state.userId(201);
    expect((await fetch(`${running.url}/_sandbox/users/${removed}/membership`, { method: "DELETE" })).status).toBe(204);
    const added = await fetch(`${running.url}/_sandbox/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ profile: { firstName: "Zoë", lastName: "Ødegård-Nakamura", login: "zoe.new@example.com" }, factors: ["sms"] }),
    });
    expect(added.status).toBe(201);
    const addedBody: unknown = await added.json();
    expect(addedBody).toMatchObject({ login: "zoe.new@example.com", inGroup: true });

    const ids = new Set<string>();
    const members = await client.groupApi.listGroupUsers({ groupId: running.connection.groupId, limit: 200 });
    for await (const user of members) if (user?.id) ids.add(user.id);
    expect(ids.size).toBe(USER_COUNT);
    expect(ids.has(removed)).toBe(false);
    expect(ids.has(running.sandbox.state.userId(USER_COUNT))).toBe(true);
    running.sandbox.reset();
  });

  it("reads the group, and a user by id or login with a consistent self link", async () => {
    const group = await client.groupApi.getGroup({ groupId: running.connection.groupId });
    expect(group.profile?.name).toBe("Employees");
    const record = running.sandbox.state.record(7);
    if (!record) throw new Error("seeded user 7 missing");
    const byId = await client.userApi.getUser({ userId: record.id });
    const byLogin = await client.userApi.getUser({ userId: record.profile.login.toUpperCase() });
    expect(byId.id).toBe(record.id);
    expect(byLogin.id).toBe(record.id);
    expect(byId._links?.self?.href).toBe(`${running.connection.orgUrl}/api/v1/users/${record.id}`);
    expect(byLogin._links?.self?.href).toBe(byId._links?.self?.href);
    expect(byId.profile?.login).toBe(record.profile.login);
    expect(byId.id).toMatch(/^00u[0-9A-Za-z]{17}$/);
  });

  it("surfaces 404 E0000007 for an unknown group or user", async () => {
    await expect(client.groupApi.getGroup({ groupId: "00gUnknownGroup00000" })).rejects.toMatchObject({ status: 404, errorCode: "E0000007" });
    await expect(client.userApi.getUser({ userId: "nobody@example.com" })).rejects.toMatchObject({ status: 404, errorCode: "E0000007" });
  });
});

describe("Okta sandbox paging (raw HTTP)", () => {
  it("sends absolute self and next Link headers until the last page, and caps limit at 1000", async () => {
    const bearer = createHermeticOktaClient({ ...running.connection, scopes: ["okta.groups.read"], key });
    running.sandbox.configureApp(running.connection.clientId, { dpopRequired: false });
    try {
      const plain = await bearer.oauth.getAccessToken();
      const headers = { Authorization: `Bearer ${plain.access_token}`, Accept: "application/json" };
      const base = `${running.connection.orgUrl}/api/v1/groups/${running.connection.groupId}/users`;
      const first = await fetch(`${base}?limit=5000`, { headers });
      expect(first.status).toBe(200);
      const firstPage: unknown[] = await first.json();
      expect(firstPage).toHaveLength(1000);
      const link = first.headers.get("link") ?? "";
      expect(link).toContain(`<${base}?limit=1000>; rel="self"`);
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      expect(next).toMatch(new RegExp(`^${base}\\?limit=1000&after=00u`));
      for (const header of ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset", "date"]) expect(first.headers.get(header)).toBeTruthy();

      const last = await fetch(`${base}?limit=1000&after=${running.sandbox.state.userId(USER_COUNT - 2)}`, { headers });
      const lastPage: unknown[] = await last.json();
      expect(lastPage).toHaveLength(1);
      expect(last.headers.get("link")).not.toContain('rel="next"');
      expect((await fetch(`${base}?after=garbage`, { headers })).status).toBe(400);
    } finally {
      running.sandbox.reset();
    }
  });
});
