import type { Client } from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHermeticOktaClient, generateServiceKey, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

let running: Awaited<ReturnType<typeof startOktaSandbox>>;
let key: ServiceKey;

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "fault-tests", userCount: 600 });
  key = await generateServiceKey("fault-key");
  running.sandbox.registerPublicKeys(running.connection.clientId, { keys: [key.publicJwk] });
});
afterAll(() => running.close());
beforeEach(() => running.sandbox.reset());

function newClient(scopes = ["okta.groups.read", "okta.users.manage"]): Client {
  return createHermeticOktaClient({ ...running.connection, scopes, key });
}

async function putFaults(config: Record<string, number>): Promise<Response> {
  return fetch(`${running.url}/_sandbox/faults`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(config) });
}

const tokenCount = () => running.sandbox.state.eventsSince(0).filter((event) => event.type === "oauth2.token.issued").length;

describe("Okta sandbox faults through the official SDK", () => {
  it("throttles every Nth call with 429 E0000047 and headers the SDK needs to retry", async () => {
    expect((await putFaults({ rateLimitEvery: 2 })).status).toBe(200);
    const client = newClient();
    const backoffs: number[] = [];
    client.requestExecutor.on("backoff", (_request: unknown, _response: unknown, _id: unknown, delayMs: number) => backoffs.push(delayMs));
    const ids: string[] = [];
    for await (const user of await client.groupApi.listGroupUsers({ groupId: running.connection.groupId, limit: 200 })) if (user?.id) ids.push(user.id);
    expect(new Set(ids).size).toBe(600);
    expect(backoffs.length).toBeGreaterThanOrEqual(1);
    // delay = X-Rate-Limit-Reset - Date + 1 s, computed by the SDK from the headers alone.
    expect(backoffs.every((delay) => delay === 1000)).toBe(true);

    expect((await putFaults({ rateLimitEvery: 1 })).status).toBe(200);
    const throttled = await fetch(`${running.connection.orgUrl}/api/v1/groups/${running.connection.groupId}/users`);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toMatchObject({ errorCode: "E0000047", errorCauses: [] });
    expect(throttled.headers.get("x-rate-limit-reset")).toMatch(/^\d+$/);
    expect(throttled.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(throttled.headers.get("date")).toBeTruthy();
  });

  it("gives up after the SDK's two retries when every call is throttled", async () => {
    await putFaults({ rateLimitEvery: 1 });
    const client = createHermeticOktaClient({ ...running.connection, scopes: ["okta.users.read"], key });
    await expect(client.userApi.getUser({ userId: running.sandbox.state.userId(1) })).rejects.toMatchObject({ status: 429, errorCode: "E0000047" });
  });

  it("answers 503 in Okta's format for server errors", async () => {
    await putFaults({ serverErrorEvery: 1 });
    await expect(newClient().userApi.getUser({ userId: running.sandbox.state.userId(1) })).rejects.toMatchObject({ status: 503, errorCode: "E0000010" });
  });

  it("expires every token on demand; the SDK fetches a new one and retries once", async () => {
    const client = newClient();
    const userId = running.sandbox.state.userId(3);
    await client.userApi.getUser({ userId });
    expect(tokenCount()).toBe(1);
    expect((await fetch(`${running.url}/_sandbox/faults/expire-tokens`, { method: "POST" })).status).toBe(204);
    const user = await client.userApi.getUser({ userId });
    expect(user.id).toBe(userId);
    expect(tokenCount()).toBe(2);
  });

  it("refuses calls outside the token's scopes with 403 E0000006", async () => {
    const client = newClient(["okta.groups.read"]);
    await expect(client.userApi.getUser({ userId: running.sandbox.state.userId(1) })).rejects.toMatchObject({ status: 403, errorCode: "E0000006" });
    await expect(newClient().roleAssignmentApi.listAssignedRolesForUser({ userId: running.sandbox.state.userId(1) }).then((roles) => roles.next())).rejects.toMatchObject({
      status: 403,
      errorCode: "E0000006",
    });
  });

  it("turns a refused token request into the SDK's 401 E0000011 (it swallows token errors)", async () => {
    running.sandbox.configureApp(running.connection.clientId, { scopes: ["okta.groups.read"] });
    await expect(newClient().userApi.getUser({ userId: running.sandbox.state.userId(1) })).rejects.toMatchObject({ status: 401, errorCode: "E0000011" });
  });

  it("validates admin input: fault config and public keys", async () => {
    expect((await putFaults({ rateLimitEvery: -1 })).status).toBe(400);
    const registerKeys = (body: unknown) =>
      fetch(`${running.url}/_sandbox/apps/${running.connection.clientId}/keys`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await registerKeys({ keys: [key.privateJwk] })).status).toBe(400);
    expect((await registerKeys({ keys: [key.publicJwk, key.publicJwk] })).status).toBe(400);
    const registered = await registerKeys({ keys: [key.publicJwk] });
    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({ clientId: running.connection.clientId, keyIds: ["fault-key"] });
    const patch = await fetch(`${running.url}/_sandbox/users/${running.sandbox.state.userId(2)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "LOCKED_OUT", roles: ["USER_ADMIN"], unexpected: true }),
    });
    expect(patch.status).toBe(400);
  });
});
