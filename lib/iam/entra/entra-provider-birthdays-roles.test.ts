import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { type DirectoryEmployee, type IdentityProvider, ProviderError } from "@/lib/iam/identity-provider";
import { DEFAULT_APP_PERMISSIONS, DIRECTORY_ROLES } from "@/lib/sandbox/entra/entra-roles";

const USER_COUNT = 2100;
let tenant: EntraTestTenant;

beforeAll(async () => {
  tenant = await startEntraTestTenant({ userCount: USER_COUNT, seed: "entra-adapter-birthdays" });
});
afterAll(() => tenant.stop());
beforeEach(async () => {
  await tenant.call("/_sandbox/faults", { method: "PUT", json: {} });
});

const state = () => tenant.sandbox.tenant;
const birthdayOf = (index: number) => state().personAt(index)?.birthday ?? null;
const eventsSchema = z.object({ events: z.array(z.object({ sequence: z.number(), type: z.string() })) });
async function roleReads(since: number, type: "graph.role_assignments_listed" | "graph.role_assignments_filtered"): Promise<number> {
  const { events } = eventsSchema.parse((await tenant.call(`/_sandbox/events?since=${since}`)).body);
  return events.filter((event) => event.type === type).length;
}
const roleListings = (since: number) => roleReads(since, "graph.role_assignments_listed");
const lastEvent = () => state().events.at(-1)?.sequence ?? 0;

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

async function fullPass(provider: IdentityProvider, cursor: string | null = null): Promise<DirectoryEmployee[]> {
  const employees: DirectoryEmployee[] = [];
  let next = cursor;
  do {
    const page = await provider.fetchMembersPage({ mode: "full", cursor: next });
    employees.push(...page.employees);
    next = page.nextCursor;
  } while (next !== null);
  return employees;
}

describe("Entra adapter: dates of birth read per employee", () => {
  it("reads one employee with a single GET and many in batches of 20, unset and unknown users as null", async () => {
    const provider = tenant.provider();
    const withBirthday = Array.from({ length: USER_COUNT }, (_, index) => index).find((index) => birthdayOf(index) !== null) ?? 0;
    const one = await provider.readBirthdays([state().userId(withBirthday)]);
    expect([...one]).toEqual([[state().userId(withBirthday), birthdayOf(withBirthday)]]);

    const indexes = Array.from({ length: 45 }, (_, index) => index);
    const unknown = "00000000-0000-4000-8000-000000000000";
    const many = await provider.readBirthdays([...indexes.map((index) => state().userId(index)), unknown]);
    expect(many.size).toBe(46);
    for (const index of indexes) expect(many.get(state().userId(index))).toBe(birthdayOf(index));
    expect(many.get(unknown)).toBeNull();
    // The seed leaves some birthdays unset (Graph: 0001-01-01): those read as null, not as year 1.
    expect(indexes.some((index) => birthdayOf(index) === null)).toBe(true);
  });

  it("re-sends throttled requests of a batch after their Retry-After and still answers every id", async () => {
    await tenant.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 4 } });
    const ids = Array.from({ length: 30 }, (_, index) => state().userId(index + 100));
    const answers = await tenant.provider().readBirthdays(ids);
    expect(ids.every((id, index) => answers.get(id) === birthdayOf(index + 100))).toBe(true);
  });

  it("gives up with a retryable error while Graph keeps throttling, and names the permission without User.Read.All", { timeout: 30_000 }, async () => {
    await tenant.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 1 } });
    const throttled = await failure(tenant.provider().readBirthdays([state().userId(1), state().userId(2)]));
    expect(throttled.options).toMatchObject({ retryable: true, status: 429 });
    expect(throttled.options.retryAfterMs).toBeGreaterThan(0);
    await tenant.call("/_sandbox/faults", { method: "PUT", json: {} });

    await tenant.call(`/_sandbox/apps/${tenant.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions: ["GroupMember.Read.All"] } });
    try {
      expect((await failure(tenant.provider().readBirthdays([state().userId(1), state().userId(2)]))).options.problem).toBe("missing_permission");
      expect((await failure(tenant.provider().readBirthdays([state().userId(1)]))).options.problem).toBe("missing_permission");
    } finally {
      await tenant.call(`/_sandbox/apps/${tenant.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions: DEFAULT_APP_PERMISSIONS } });
    }
  });
});

describe("Entra adapter: admin roles during a pass", () => {
  it("fills adminRoles from one role-assignment listing per pass, not one call per user", async () => {
    const since = lastEvent();
    const provider = tenant.provider();
    const employees = await fullPass(provider);
    expect(employees.length).toBeGreaterThan(999 * 2);
    expect(await roleListings(since)).toBe(1);
    const admins = employees.filter((employee) => employee.adminRoles.length > 0);
    expect(admins.length).toBeGreaterThan(10);
    const indexById = new Map(Array.from({ length: USER_COUNT }, (_, index) => [state().userId(index), index]));
    for (const employee of employees) {
      const person = state().personAt(indexById.get(employee.externalId) ?? -1);
      const expected = person && person.privilege !== "none" ? [DIRECTORY_ROLES[person.privilege].displayName] : [];
      expect(employee.adminRoles).toEqual(expected);
    }

    // A second pass reads the assignments again (a role granted since then shows up), once.
    const again = lastEvent();
    await fullPass(provider);
    expect(await roleListings(again)).toBe(1);
  });

  it("a pass resumed by another adapter instance (another process) reads its own map once", async () => {
    const first = await tenant.provider().fetchMembersPage({ mode: "full", cursor: null });
    expect(first.nextCursor).not.toBeNull();
    const since = lastEvent();
    const resumed = tenant.provider();
    await fullPass(resumed, first.nextCursor);
    expect(await roleListings(since)).toBe(1);
  });

  it("an incremental run with no changes reads no roles; one with a changed admin reads that user's assignments only", async () => {
    const provider = tenant.provider();
    let cursor: string | null = null;
    let deltaLink: string | null = null;
    do {
      const page: Awaited<ReturnType<IdentityProvider["fetchMembersPage"]>> = await provider.fetchMembersPage({ mode: "full", cursor });
      cursor = page.nextCursor;
      deltaLink = page.deltaLink ?? deltaLink;
    } while (cursor !== null);
    if (!deltaLink) throw new Error("no delta link");

    const quiet = lastEvent();
    const run = async (link: string) => {
      const changed: DirectoryEmployee[] = [];
      let next: string | null = null;
      let newLink: string | null = null;
      do {
        const page = await provider.fetchMembersPage({ mode: "delta", cursor: next, deltaLink: link });
        changed.push(...page.employees);
        next = page.nextCursor;
        newLink = page.deltaLink ?? newLink;
      } while (next !== null);
      return { changed, newLink };
    };
    const nothing = await run(deltaLink);
    expect(nothing.changed).toEqual([]);
    expect(await roleListings(quiet)).toBe(0);

    let index = 0;
    while (state().membership(index) !== "direct" || state().personAt(index)?.privilege !== "none") index += 1;
    await tenant.call(`/_sandbox/users/${state().userId(index)}`, { method: "PATCH", json: { privilege: "global_admin", city: "Bergen" } });
    const since = lastEvent();
    const promoted = await run(nothing.newLink ?? deltaLink);
    expect(promoted.changed.map((employee) => [employee.externalId, employee.adminRoles])).toEqual([[state().userId(index), ["Global Administrator"]]]);
    expect(await roleListings(since)).toBe(0);
    expect(await roleReads(since, "graph.role_assignments_filtered")).toBe(1);
  });
});
