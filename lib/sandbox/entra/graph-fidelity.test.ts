import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/entra/entra-test-harness";

let sandbox: TestSandbox;
let token: string;

const graphErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), innerError: z.object({ date: z.string(), "request-id": z.string(), "client-request-id": z.string() }) }) });
const pageSchema = z.object({ "@odata.nextLink": z.string().optional(), "@odata.count": z.number().optional(), value: z.array(z.record(z.string(), z.unknown())) });
const batchSchema = z.object({ responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()), body: z.unknown().optional() })) });

beforeAll(async () => {
  sandbox = await startTestSandbox({ userCount: 300, seed: "graph-fidelity" });
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.call("/_sandbox/reset", { method: "POST" });
  await sandbox.approveConsent();
  token = await sandbox.tokenWithSecret();
});

const userId = (index: number) => sandbox.sandbox.tenant.userId(index);
const batch = (requests: unknown[]) => sandbox.call("/v1.0/$batch", { method: "POST", token, json: { requests } });

describe("Graph sandbox: error shapes", () => {
  it("answers an unknown segment with 400 BadRequest naming it, and a wrong method with 405, in Graph's error body", async () => {
    const unknown = await sandbox.call("/v1.0/usersx", { token, headers: { "client-request-id": "req-1" } });
    expect(unknown.status).toBe(400);
    const body = graphErrorSchema.parse(unknown.body);
    expect(body.error).toMatchObject({ code: "BadRequest", message: "Resource not found for the segment 'usersx'." });
    expect(body.error.innerError["client-request-id"]).toBe("req-1");
    expect(graphErrorSchema.parse((await sandbox.call(`/v1.0/users/${userId(1)}/shoes`, { token })).body).error.message).toBe("Resource not found for the segment 'shoes'.");

    const wrongMethod = await sandbox.call(`/v1.0/users/${userId(1)}`, { method: "DELETE", token });
    expect(wrongMethod.status).toBe(405);
    expect(graphErrorSchema.parse(wrongMethod.body).error).toMatchObject({ code: "Request_BadRequest", message: "Specified HTTP method is not allowed for the request target." });
    expect((await sandbox.call("/v1.0/$batch", { token })).status).toBe(405);
    // Authentication still comes first, as for every Graph call.
    expect((await sandbox.call("/v1.0/usersx")).status).toBe(401);
  });

  it("refuses app-only writes of SharePoint-backed properties such as birthday", async () => {
    const response = await sandbox.call(`/v1.0/users/${userId(1)}`, { method: "PATCH", token, json: { birthday: "1990-01-01T00:00:00Z" } });
    expect(response.status).toBe(403);
    expect(graphErrorSchema.parse(response.body).error.message).toBe("Attempted to perform an unauthorized operation.");
  });
});

describe("Graph sandbox: the users collection", () => {
  it("pages every live user with $top, $select and an absolute nextLink; counts with ConsistencyLevel", async () => {
    const seen: string[] = [];
    let link: string | undefined = "/v1.0/users?$select=id,userPrincipalName&$top=120";
    let pages = 0;
    while (link) {
      const page = pageSchema.parse((await sandbox.call(link, { token })).body);
      for (const user of page.value) {
        expect(Object.keys(user).sort()).toEqual(["id", "userPrincipalName"]);
        seen.push(String(user.id));
      }
      link = page["@odata.nextLink"];
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(300);
    const counted = pageSchema.parse((await sandbox.call("/v1.0/users?$count=true&$top=1", { token, headers: { ConsistencyLevel: "eventual" } })).body);
    expect(counted["@odata.count"]).toBe(300);
    expect(pageSchema.parse((await sandbox.call("/v1.0/users?$count=true&$top=1", { token })).body)["@odata.count"]).toBeUndefined();
  });

  it("filters by id or userPrincipalName, refuses other filters and birthday in $select", async () => {
    const upn = sandbox.sandbox.tenant.userPrincipalName(sandbox.sandbox.tenant.personAt(7)!);
    const byUpn = pageSchema.parse((await sandbox.call(`/v1.0/users?$filter=userPrincipalName eq '${upn}'&$select=id`, { token })).body);
    expect(byUpn.value).toEqual([{ id: userId(7) }]);
    const byId = pageSchema.parse((await sandbox.call(`/v1.0/users?$filter=id eq '${userId(9)}'&$select=id`, { token })).body);
    expect(byId.value).toEqual([{ id: userId(9) }]);
    expect((await sandbox.call("/v1.0/users?$filter=startsWith(displayName,'A')", { token })).status).toBe(400);
    expect((await sandbox.call("/v1.0/users?$select=id,birthday", { token })).status).toBe(501);
  });
});

describe("Graph sandbox: JSON batching", () => {
  it("answers up to 20 single-user GETs with birthday, each with its own status", async () => {
    const requests = Array.from({ length: 20 }, (_, index) => ({ id: String(index + 1), method: "GET", url: `/users/${userId(index)}?$select=id,birthday` }));
    requests[19] = { id: "20", method: "GET", url: "/users/00000000-0000-4000-8000-000000000000?$select=id,birthday" };
    const response = await batch(requests);
    expect(response.status).toBe(200);
    const { responses } = batchSchema.parse(response.body);
    expect(responses).toHaveLength(20);
    const first = responses.find((item) => item.id === "1");
    expect(first?.status).toBe(200);
    expect(first?.body).toEqual({ "@odata.context": expect.any(String), id: userId(0), birthday: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/) });
    expect(responses.find((item) => item.id === "20")?.status).toBe(404);
  });

  it("refuses more than 20 requests and duplicate ids with 400", async () => {
    const requests = Array.from({ length: 21 }, (_, index) => ({ id: String(index), method: "GET", url: `/users/${userId(index)}` }));
    expect((await batch(requests)).status).toBe(400);
    expect((await batch([{ id: "a", method: "GET", url: "/users" }, { id: "A", method: "GET", url: "/users" }])).status).toBe(400);
  });

  it("throttles batched requests individually: 429 with Retry-After inside a 200 envelope", async () => {
    // Every 3rd call of the Graph app: the envelope is call 1, its requests are calls 2..7.
    await sandbox.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 3 } });
    const response = await batch(Array.from({ length: 6 }, (_, index) => ({ id: String(index), method: "GET", url: `/users/${userId(index)}?$select=id,birthday` })));
    expect(response.status).toBe(200);
    const throttled = batchSchema.parse(response.body).responses.filter((item) => item.status === 429);
    expect(throttled).toHaveLength(2);
    for (const item of throttled) expect(Number(item.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("adds the configured latency once per batch, not once per batched request", async () => {
    await sandbox.call("/_sandbox/faults", { method: "PUT", json: { latencyMs: 1000 } });
    const started = performance.now();
    const response = await batch(Array.from({ length: 20 }, (_, index) => ({ id: String(index), method: "GET", url: `/users/${userId(index)}?$select=id` })));
    const elapsed = performance.now() - started;
    expect(batchSchema.parse(response.body).responses.every((item) => item.status === 200)).toBe(true);
    // The fault injector's own behaviour, not a speed claim: one latency (1 s), where a second one per request would
    // make it at least 2 s.
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(1990);
  });

  it("checks each request's permission: without User.Read.All every inner GET is 403", async () => {
    await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions: ["GroupMember.Read.All"] } });
    token = await sandbox.tokenWithSecret();
    const { responses } = batchSchema.parse((await batch([{ id: "1", method: "GET", url: `/users/${userId(1)}?$select=id,birthday` }])).body);
    expect(responses[0]?.status).toBe(403);
  });
});

describe("Graph sandbox: directory role assignments", () => {
  it("lists one tenant-wide assignment per privileged user (and the app's), expanding the role definition", async () => {
    const page = pageSchema.parse((await sandbox.call("/v1.0/roleManagement/directory/roleAssignments?$expand=roleDefinition", { token })).body);
    const tenant = sandbox.sandbox.tenant;
    const admins = Array.from({ length: tenant.indexLimit }, (_, index) => index).filter((index) => tenant.personAt(index)?.privilege !== "none");
    const users = page.value.filter((item) => admins.some((index) => tenant.userId(index) === item.principalId));
    expect(users).toHaveLength(admins.length);
    expect(page.value).toHaveLength(admins.length + 1);
    expect(users[0]).toMatchObject({ directoryScopeId: "/", roleDefinition: { displayName: expect.any(String), templateId: users[0]?.roleDefinitionId } });
    const filtered = pageSchema.parse((await sandbox.call(`/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${String(users[0]?.principalId)}'`, { token })).body);
    expect(filtered.value).toHaveLength(1);
    expect((await sandbox.call("/v1.0/roleManagement/directory/roleAssignments?$expand=shoes", { token })).status).toBe(400);
  });
});

describe("Graph sandbox: checkMemberGroups", () => {
  const valueSchema = z.object({ value: z.array(z.string()) });
  const firstWith = (membership: "direct" | "nested") => {
    for (let index = 0; index < sandbox.sandbox.tenant.indexLimit; index += 1) if (sandbox.sandbox.tenant.personAt(index) && sandbox.sandbox.tenant.membership(index) === membership) return index;
    throw new Error(`no user with membership ${String(membership)}`);
  };
  const check = (index: number, groupIds: unknown) => sandbox.call(`/v1.0/users/${userId(index)}/checkMemberGroups`, { method: "POST", token, json: { groupIds } });

  it("answers transitive membership among the groups asked about, in a batch too; 404 for an unknown user, 400 beyond 20 groups", async () => {
    const { employeeGroupId, nestedGroupId } = sandbox.sandbox.tenant;
    const unrelated = "00000000-0000-4000-8000-000000000001";
    expect(valueSchema.parse((await check(firstWith("direct"), [employeeGroupId, nestedGroupId, unrelated])).body).value).toEqual([employeeGroupId]);
    // Through the nested group: a member of both.
    expect(valueSchema.parse((await check(firstWith("nested"), [employeeGroupId, nestedGroupId])).body).value).toEqual([employeeGroupId, nestedGroupId]);
    const leaver = firstWith("direct");
    expect((await sandbox.call(`/_sandbox/users/${userId(leaver)}/membership`, { method: "DELETE" })).status).toBe(204);
    expect(valueSchema.parse((await check(leaver, [employeeGroupId])).body).value).toEqual([]);

    const answers = batchSchema.parse((await batch([{ id: "1", method: "POST", url: `/users/${userId(firstWith("nested"))}/checkMemberGroups`, body: { groupIds: [employeeGroupId] }, headers: { "Content-Type": "application/json" } }])).body);
    expect(answers.responses[0]).toMatchObject({ status: 200, body: { value: [employeeGroupId] } });

    const missing = await sandbox.call("/v1.0/users/00000000-0000-4000-8000-00000000dead/checkMemberGroups", { method: "POST", token, json: { groupIds: [employeeGroupId] } });
    expect(missing.status).toBe(404);
    expect((await check(firstWith("direct"), Array.from({ length: 21 }, () => employeeGroupId))).status).toBe(400);
    expect((await check(firstWith("direct"), [])).status).toBe(400);
  });
});
