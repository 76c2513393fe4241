import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createEntraSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { jobFunctions } from "@/lib/jobs/job-functions";
import { DIRECTORY_ROLES } from "@/lib/sandbox/entra/entra-roles";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let tenant: EntraTestTenant;
let connectionId: string;

const eventsSchema = z.object({ events: z.array(z.object({ sequence: z.number(), type: z.string() })) });
const lastEvent = () => tenant.sandbox.tenant.events.at(-1)?.sequence ?? 0;
async function roleReads(since: number, type: "graph.role_assignments_listed" | "graph.role_assignments_filtered"): Promise<number> {
  const { events } = eventsSchema.parse((await tenant.call(`/_sandbox/events?since=${since}`)).body);
  return events.filter((event) => event.type === type).length;
}
const roleListings = (since: number) => roleReads(since, "graph.role_assignments_listed");

async function sync() {
  const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
  await runJobsUntilIdle({ functions: jobFunctions, backoff: { baseMs: 20, maxMs: 2000 } });
  return db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
}

/** What the directory should show: each member's privileged directory role, from the sandbox's own people. */
async function expectedRoles(): Promise<Map<string, string[]>> {
  const state = tenant.sandbox.tenant;
  const rows = await db().employee.findMany({ where: { connectionId }, select: { externalId: true } });
  const wanted = new Set(rows.map((row) => row.externalId));
  const roles = new Map<string, string[]>();
  for (let index = 0; index < state.indexLimit; index += 1) {
    const person = state.personAt(index);
    if (person && wanted.has(state.userId(index))) roles.set(state.userId(index), person.privilege === "none" ? [] : [DIRECTORY_ROLES[person.privilege].displayName]);
  }
  return roles;
}
async function storedRoles(): Promise<Map<string, string[]>> {
  const rows = await db().employee.findMany({ where: { connectionId }, select: { externalId: true, adminRoles: true } });
  return new Map(rows.map((row) => [row.externalId, row.adminRoles]));
}

describe("admin roles synced with the directory (Entra sandbox, real adapter, embedded runner)", () => {
  beforeAll(async () => {
    await useFreshDatabase("sync_entra_roles");
    tenant = await startEntraTestTenant({ userCount: 2300, seed: "sync-entra-roles" });
    connectionId = await createEntraSandboxConnection(tenant);
  });
  afterAll(() => tenant.stop());

  it("a full pass of three pages fills every member's privileged roles from one role-assignment listing", { timeout: 90_000 }, async () => {
    const since = lastEvent();
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "FULL", pages: 3 });
    expect(await roleListings(since)).toBe(1);
    const stored = await storedRoles();
    expect(stored).toEqual(await expectedRoles());
    expect([...stored.values()].filter((roles) => roles.length > 0).length).toBeGreaterThan(20);
  });

  it("an incremental pass reads roles only when members changed, and then only those members' assignments", { timeout: 90_000 }, async () => {
    const quiet = lastEvent();
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", updated: 0 });
    expect(await roleListings(quiet)).toBe(0);

    const state = tenant.sandbox.tenant;
    const promoted: string[] = [];
    for (let index = 0; index < state.indexLimit && promoted.length < 3; index += 1) {
      if (state.membership(index) === "direct" && state.personAt(index)?.privilege === "none") promoted.push(state.userId(index));
    }
    for (const id of promoted) await tenant.call(`/_sandbox/users/${id}`, { method: "PATCH", json: { privilege: "user_admin", jobTitle: "Team Lead" } });
    const since = lastEvent();
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", updated: 3 });
    expect(await roleListings(since)).toBe(0);
    expect(await roleReads(since, "graph.role_assignments_filtered")).toBe(promoted.length);
    for (const id of promoted) expect((await storedRoles()).get(id)).toEqual(["User Administrator"]);
  });
});
