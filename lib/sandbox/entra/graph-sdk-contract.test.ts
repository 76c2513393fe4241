import { GraphError, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { generatePerson } from "@/lib/sandbox/shared/generate-person";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/entra/entra-test-harness";

const USER_COUNT = 3000;
const SEED = "entra-sdk-contract";
let sandbox: TestSandbox;

const deltaPage = z.object({ value: z.array(z.record(z.string(), z.unknown())), "@odata.nextLink": z.string().optional(), "@odata.deltaLink": z.string().optional() });
const userPage = z.object({ value: z.array(z.object({ id: z.string() }).loose()), "@odata.nextLink": z.string().optional(), "@odata.deltaLink": z.string().optional() });
const groupPage = z.object({
  value: z.array(z.object({ id: z.string(), "members@delta": z.array(z.object({ id: z.string(), "@removed": z.object({ reason: z.string() }).optional() }).loose()).optional() }).loose()),
  "@odata.nextLink": z.string().optional(),
  "@odata.deltaLink": z.string().optional(),
});

/** Every item of a Graph collection through the SDK's PageIterator, as the product's sync will read it. */
async function collectAll(path: string): Promise<Array<Record<string, unknown>>> {
  const client = sandbox.graphClient();
  const first: PageCollection = await client.api(path).get();
  const items: Array<Record<string, unknown>> = [];
  const iterator = new PageIterator(client, first, (item: Record<string, unknown>) => {
    items.push(item);
    return true;
  });
  await iterator.iterate();
  return items;
}

/** Follows nextLinks to the deltaLink with the SDK; returns the items and the deltaLink. */
async function drainDelta(start: string) {
  const client = sandbox.graphClient();
  const items: Array<Record<string, unknown>> = [];
  let link = start;
  for (;;) {
    const page = deltaPage.parse(await client.api(link).get());
    items.push(...page.value);
    if (page["@odata.nextLink"]) link = page["@odata.nextLink"];
    else return { items, deltaLink: page["@odata.deltaLink"] ?? "" };
  }
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ userCount: USER_COUNT, seed: SEED });
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.call("/_sandbox/reset", { method: "POST" });
  await sandbox.approveConsent();
});

describe("Graph SDK against the sandbox", () => {
  it("pages 999 members at a time and sees every direct member exactly once; transitive adds the nested group's people", async () => {
    const { groupId } = sandbox.connection;
    const direct = await collectAll(`/groups/${groupId}/members/microsoft.graph.user?$select=id,displayName,userPrincipalName,mail&$top=999`);
    const transitive = await collectAll(`/groups/${groupId}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`);
    const people = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(SEED, index));
    const nested = people.filter((person) => person.viaNestedGroup).length;
    expect(nested).toBeGreaterThan(0);
    expect(direct).toHaveLength(USER_COUNT - nested);
    expect(new Set(direct.map((user) => user.id)).size).toBe(direct.length);
    expect(transitive).toHaveLength(USER_COUNT);
    expect(new Set(transitive.map((user) => user.id)).size).toBe(USER_COUNT);
    expect(Object.keys(direct[0] ?? {}).sort()).toEqual(["displayName", "id", "mail", "userPrincipalName"]);
  });

  it("reads a single user by id and by UPN, birthday included", async () => {
    const client = sandbox.graphClient();
    const page = userPage.parse(await client.api(`/groups/${sandbox.connection.groupId}/members/microsoft.graph.user?$select=id,userPrincipalName&$top=1`).get());
    const first = page.value[0];
    const byId = await client.api(`/users/${String(first?.id)}`).select(["id", "givenName", "birthday", "country"]).get();
    const byUpn = await client.api(`/users/${String(first?.userPrincipalName)}`).select("id").get();
    expect(byUpn.id).toBe(first?.id);
    expect(byId.birthday).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
  });

  it("replays only what changed through users/delta and groups/delta", async () => {
    const { groupId } = sandbox.connection;
    const fullUsers = await drainDelta("/users/delta?$select=id,displayName,city");
    expect(fullUsers.items).toHaveLength(USER_COUNT);
    const fullGroup = await drainDelta(`/groups/delta?$filter=id eq '${groupId}'&$select=displayName,members`);
    const groupParts = z.array(groupPage.shape.value.element).parse(fullGroup.items);
    const memberIds = groupParts.flatMap((part) => part["members@delta"] ?? []);
    expect(memberIds.length).toBeGreaterThan(USER_COUNT / 2);

    const [changed] = z.array(z.object({ id: z.string() }).loose()).parse(fullUsers.items.slice(10, 11));
    const removedIndex = Array.from({ length: 50 }, (_, index) => generatePerson(SEED, index)).findIndex((person) => !person.viaNestedGroup && person.index !== 10);
    const removedId = sandbox.sandbox.tenant.userId(removedIndex);
    expect((await sandbox.call(`/_sandbox/users/${changed?.id}`, { method: "PATCH", json: { city: "Tromsø", displayName: "Renamed Person" } })).status).toBe(200);
    expect((await sandbox.call(`/_sandbox/users/${removedId}/membership`, { method: "DELETE" })).status).toBe(204);

    const userChanges = await drainDelta(fullUsers.deltaLink);
    expect(userChanges.items).toEqual([{ id: changed?.id, displayName: "Renamed Person", city: "Tromsø" }]);
    const groupChanges = await drainDelta(fullGroup.deltaLink);
    expect(groupChanges.items).toEqual([{ id: groupId, displayName: "All Employees", "members@delta": [{ "@odata.type": "#microsoft.graph.user", id: removedId, "@removed": { reason: "deleted" } }] }]);
    // Nothing changed since: an empty round with a fresh deltaLink.
    const quiet = await drainDelta(userChanges.deltaLink);
    expect(quiet.items).toEqual([]);
    expect(quiet.deltaLink).not.toBe("");

    // A deleted user comes back as @removed.
    await sandbox.call(`/_sandbox/users/${changed?.id}`, { method: "DELETE" });
    expect((await drainDelta(quiet.deltaLink)).items).toEqual([{ id: changed?.id, "@removed": { reason: "changed" } }]);
  });

  it("retries throttled calls with the SDK's RetryHandler, honouring Retry-After", async () => {
    await sandbox.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 2 } });
    const client = sandbox.graphClient();
    const users = await collectAll(`/groups/${sandbox.connection.groupId}/members/microsoft.graph.user?$select=id&$top=999`);
    expect(users.length).toBeGreaterThan(2000);
    const me = await client.api(`/users/${String(users[0]?.id)}`).select("id").get();
    expect(me.id).toBe(users[0]?.id);
  });

  it("answers 403 Authorization_RequestDenied when the token lacks the permission", async () => {
    await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions: ["User.Read.All"] } });
    const error = await sandbox.graphClient().api(`/groups/${sandbox.connection.groupId}/members/microsoft.graph.user`).get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ statusCode: 403, code: "Authorization_RequestDenied" });
  });
});
