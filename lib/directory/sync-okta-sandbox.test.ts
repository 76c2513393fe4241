import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { getSyncProgress } from "@/lib/directory/get-sync-progress";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createOktaSandboxConnection, listMemberIds } from "@/lib/directory/testing/sandbox-connections";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let tenant: OktaTestTenant;
let connectionId: string;

async function sync() {
  const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
  await runJobsUntilIdle({ backoff: { baseMs: 20, maxMs: 2000 } });
  return db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
}

async function activeIds(): Promise<string[]> {
  const rows = await db().employee.findMany({ where: { connectionId, membership: "ACTIVE" }, select: { externalId: true } });
  return rows.map((row) => row.externalId).sort();
}

async function sandboxCall(path: string, init: { method: string; json?: unknown }): Promise<unknown> {
  const response = await fetch(`${tenant.url}/_sandbox${path}`, { method: init.method, headers: { "content-type": "application/json" }, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  if (!response.ok) throw new Error(`sandbox ${path} answered ${response.status}`);
  return response.status === 204 ? null : response.json();
}

describe("directory sync against the Okta sandbox (real adapter, embedded runner)", () => {
  beforeAll(async () => {
    await useFreshDatabase("sync_okta");
    tenant = await startOktaTestTenant({ userCount: 450, seed: "directory-sync-okta" });
  });
  afterAll(() => tenant.close());
  beforeEach(async () => {
    tenant.sandbox.reset();
    tenant.sandbox.registerPublicKeys(tenant.connection.clientId, { keys: [tenant.key.publicJwk] });
    await db().jobRun.deleteMany({});
    connectionId = await createOktaSandboxConnection(tenant);
  });

  it("syncs the group, then members added, changed and removed in the sandbox (incrementally, from the System Log)", { timeout: 60_000 }, async () => {
    const first = await sync();
    expect(first).toMatchObject({ status: "SUCCEEDED", mode: "FULL", pages: 1, seen: 450, created: 450, deactivated: 0 });
    expect((await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } })).deltaLink).toEqual(expect.any(String));
    expect(await activeIds()).toEqual(await listMemberIds(tenant.provider()));

    const [changed, leaverA, leaverB] = [tenant.sandbox.state.userId(5), tenant.sandbox.state.userId(17), tenant.sandbox.state.userId(300)];
    await sandboxCall(`/users/${changed}`, { method: "PATCH", json: { profile: { city: "Tromsø", lastName: "Ødegård" } } });
    await sandboxCall(`/users/${leaverA}/membership`, { method: "DELETE" });
    await sandboxCall(`/users/${leaverB}/membership`, { method: "DELETE" });
    const added = z.object({ id: z.string() }).parse(await sandboxCall("/users", { method: "POST", json: { profile: { firstName: "Zoë", lastName: "Nakamura", login: "zoe.nakamura@example.com", email: "zoe.nakamura@example.com" } } }));

    const second = await sync();
    expect(second).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 2, created: 1, updated: 1, deactivated: 2 });
    const members = await listMemberIds(tenant.provider());
    expect(await activeIds()).toEqual(members);
    expect(members).toContain(added.id);
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: changed } })).toMatchObject({ city: "Tromsø", lastName: "Ødegård", membership: "ACTIVE" });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: leaverA } })).toMatchObject({ membership: "INACTIVE" });
    expect(await db().employee.count({ where: { connectionId } })).toBe(451);

    const progress = await getSyncProgress({ connectionId });
    expect(progress.active).toBeNull();
    expect(progress.runs.map((run) => [run.id, run.fraction])).toEqual([[second.id, 1], [first.id, 1]]);
  });

  it("ends with exactly the sandbox's members despite injected 429s and 5xx", { timeout: 90_000 }, async () => {
    await sync();
    await sandboxCall(`/users/${tenant.sandbox.state.userId(42)}/membership`, { method: "DELETE" });
    // A full pass under faults (the incremental one is covered in sync-okta-delta.test.ts).
    await db().iamConnection.update({ where: { id: connectionId }, data: { deltaLink: null } });
    await sandboxCall("/faults", { method: "PUT", json: { rateLimitEvery: 3, serverErrorEvery: 4 } });
    const faulty = await sync();
    await sandboxCall("/faults", { method: "PUT", json: {} });
    expect(faulty).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: 449, created: 0, deactivated: 1 });
    expect(await activeIds()).toEqual(await listMemberIds(tenant.provider()));
    const duplicates = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT "externalId" FROM "employee" GROUP BY 1 HAVING count(*) > 1) d`;
    expect(Number(duplicates[0]?.n)).toBe(0);
  });

  it("fails with the adapter's explanation and deactivates nobody when the service app loses its scope", { timeout: 60_000 }, async () => {
    await sync();
    tenant.sandbox.configureApp(tenant.connection.clientId, { scopes: ["okta.users.manage"] });
    const failed = await sync();
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toEqual(expect.any(String));
    expect(failed.error).not.toMatch(/BEGIN|privateJwk|"d":/);
    expect(await db().employee.count({ where: { connectionId, membership: "INACTIVE" } })).toBe(0);
    expect(await db().employee.count({ where: { connectionId, membership: "ACTIVE" } })).toBe(450);
  });
});
