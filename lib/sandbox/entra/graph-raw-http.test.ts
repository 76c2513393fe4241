import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/entra/entra-test-harness";

let sandbox: TestSandbox;
let token: string;

const graphErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), innerError: z.object({ date: z.string(), "request-id": z.string(), "client-request-id": z.string() }) }) });
const pageSchema = z.object({ "@odata.context": z.string(), "@odata.nextLink": z.string().optional(), value: z.array(z.record(z.string(), z.unknown())) });
const members = () => `/v1.0/groups/${sandbox.connection.groupId}/members/microsoft.graph.user`;

beforeAll(async () => {
  sandbox = await startTestSandbox({ userCount: 400 });
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.call("/_sandbox/reset", { method: "POST" });
  await sandbox.approveConsent();
  token = await sandbox.tokenWithSecret();
});

describe("Graph over raw HTTP (what the SDK hides)", () => {
  it("answers $top=1000 (and 0) with 400 in Graph's error body", async () => {
    const response = await sandbox.call(`${members()}?$top=1000`, { token, headers: { "client-request-id": "abc-123" } });
    expect(response.status).toBe(400);
    const body = graphErrorSchema.parse(response.body);
    expect(body.error.code).toBe("Request_UnsupportedQuery");
    expect(body.error.innerError["client-request-id"]).toBe("abc-123");
    expect((await sandbox.call(`${members()}?$top=0`, { token })).status).toBe(400);
  });

  it("answers birthday in a collection $select with 501, and serves it on a single user", async () => {
    const collection = await sandbox.call(`${members()}?$select=id,birthday`, { token });
    expect(collection.status).toBe(501);
    expect(graphErrorSchema.parse(collection.body).error.code).toBe("NotImplemented");
    expect((await sandbox.call("/v1.0/users/delta?$select=id,birthday", { token })).status).toBe(501);
    const first = pageSchema.parse((await sandbox.call(`${members()}?$select=id&$top=1`, { token })).body).value[0];
    const single = await sandbox.call(`/v1.0/users/${String(first?.id)}?$select=id,birthday`, { token });
    expect(single.status).toBe(200);
    expect(single.body).toHaveProperty("birthday");
    expect((await sandbox.call(`/v1.0/users/${String(first?.id)}?$select=shoeSize`, { token })).status).toBe(400);
  });

  it("links the next page absolutely on its own origin, keeping the query, with @odata.context", async () => {
    const page = pageSchema.parse((await sandbox.call(`${members()}?$select=id,displayName&$top=50`, { token })).body);
    expect(page.value).toHaveLength(50);
    expect(page["@odata.context"]).toBe(`${sandbox.url}/v1.0/$metadata#users(id,displayName)`);
    const next = new URL(page["@odata.nextLink"] ?? "");
    expect(next.origin).toBe(sandbox.url);
    expect(next.searchParams.get("$select")).toBe("id,displayName");
    expect(next.searchParams.get("$top")).toBe("50");
    expect(next.searchParams.get("$skiptoken")).toBeTruthy();
    const second = pageSchema.parse((await sandbox.call(next.toString(), { token })).body);
    expect(second.value[0]?.id).not.toBe(page.value[0]?.id);
    // Default page size is 100.
    expect(pageSchema.parse((await sandbox.call(members(), { token })).body).value).toHaveLength(100);
  });

  it("401s every token after /_sandbox/faults/expire-tokens; a new token works", async () => {
    expect((await sandbox.call(`${members()}?$top=1`, { token })).status).toBe(200);
    await sandbox.call("/_sandbox/faults/expire-tokens", { method: "POST" });
    const expired = await sandbox.call(`${members()}?$top=1`, { token });
    expect(expired.status).toBe(401);
    expect(graphErrorSchema.parse(expired.body).error.code).toBe("InvalidAuthenticationToken");
    expect((await sandbox.call(`${members()}?$top=1`, { token: await sandbox.tokenWithSecret() })).status).toBe(200);
    expect((await sandbox.call(`${members()}?$top=1`)).status).toBe(401);
    expect((await sandbox.call(`${members()}?$top=1`, { token: `${token}x` })).status).toBe(401);
  });

  it("throttles with 429 + Retry-After and fails with 503 serviceNotAvailable when told to", async () => {
    await sandbox.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 1 } });
    const throttled = await sandbox.call(`${members()}?$top=1`, { token });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(graphErrorSchema.parse(throttled.body).error.code).toBe("TooManyRequests");
    await sandbox.call("/_sandbox/faults", { method: "PUT", json: { serverErrorEvery: 1 } });
    const unavailable = await sandbox.call(`${members()}?$top=1`, { token });
    expect(unavailable.status).toBe(503);
    expect(graphErrorSchema.parse(unavailable.body).error.code).toBe("serviceNotAvailable");
  });

  it("lists members without user fields when the token lacks User.Read.All", async () => {
    await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions: ["GroupMember.Read.All"] } });
    const limited = await sandbox.tokenWithSecret();
    const page = pageSchema.parse((await sandbox.call(`${members()}?$select=id,displayName&$top=2`, { token: limited })).body);
    expect(page.value[0]).toEqual({ id: expect.any(String), displayName: null });
    expect((await sandbox.call(`/v1.0/users/${String(page.value[0]?.id)}`, { token: limited })).status).toBe(403);
  });

  it("answers stale paging tokens after a reset: 400 for a skip token, 410 for a delta token", async () => {
    const page = pageSchema.parse((await sandbox.call(`${members()}?$top=10`, { token })).body);
    let link = "/v1.0/users/delta";
    let deltaLink = "";
    while (!deltaLink) {
      const body = z.object({ "@odata.nextLink": z.string().optional(), "@odata.deltaLink": z.string().optional() }).parse((await sandbox.call(link, { token })).body);
      link = body["@odata.nextLink"] ?? link;
      deltaLink = body["@odata.deltaLink"] ?? "";
    }
    await sandbox.call("/_sandbox/reset", { method: "POST" });
    await sandbox.approveConsent();
    const fresh = await sandbox.tokenWithSecret();
    expect((await sandbox.call(page["@odata.nextLink"] ?? "", { token: fresh })).status).toBe(400);
    expect((await sandbox.call(deltaLink, { token: fresh })).status).toBe(410);
  });

  it("answers $deltatoken=latest with no objects and a delta link that replays only later changes (users and groups)", async () => {
    const deltaSchema = z.object({ "@odata.nextLink": z.string().optional(), "@odata.deltaLink": z.string(), value: z.array(z.object({ id: z.string() }).passthrough()) });
    const groupId = sandbox.connection.groupId;
    const users = deltaSchema.parse((await sandbox.call("/v1.0/users/delta?$select=id,city&$deltatoken=latest", { token })).body);
    const groups = deltaSchema.parse((await sandbox.call(`/v1.0/groups/delta?$filter=id eq '${groupId}'&$select=members&$deltatoken=latest`, { token })).body);
    for (const body of [users, groups]) {
      expect(body.value).toEqual([]);
      expect(body["@odata.nextLink"]).toBeUndefined();
      expect(body["@odata.deltaLink"]).not.toContain("latest");
    }
    expect(users["@odata.deltaLink"]).toContain("$select=id,city");

    const patched = sandbox.sandbox.tenant.userId(3);
    const tenant = sandbox.sandbox.tenant;
    let directIndex = 5;
    while (tenant.membership(directIndex) !== "direct") directIndex += 1;
    const leaver = tenant.userId(directIndex);
    expect((await sandbox.call(`/_sandbox/users/${patched}`, { method: "PATCH", json: { city: "Tromsø" } })).status).toBe(200);
    expect((await sandbox.call(`/_sandbox/users/${leaver}/membership`, { method: "DELETE" })).status).toBe(204);
    const userChanges = deltaSchema.parse((await sandbox.call(users["@odata.deltaLink"], { token })).body);
    expect(userChanges.value).toEqual([{ id: patched, city: "Tromsø" }]);
    const groupChanges = deltaSchema.parse((await sandbox.call(groups["@odata.deltaLink"], { token })).body);
    expect(groupChanges.value).toEqual([{ id: groupId, "members@delta": [{ "@odata.type": "#microsoft.graph.user", id: leaver, "@removed": { reason: "deleted" } }] }]);
  });
});
