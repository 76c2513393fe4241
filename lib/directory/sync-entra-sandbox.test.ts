import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createEntraSandboxConnection, listMemberIds } from "@/lib/directory/testing/sandbox-connections";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let tenant: EntraTestTenant;
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
  const response = await tenant.call(`/_sandbox${path}`, init);
  if (response.status >= 300) throw new Error(`sandbox ${path} answered ${response.status}`);
  return response.body;
}

function directMember(skip: number): string {
  let found = 0;
  for (let index = 0; index < tenant.sandbox.tenant.indexLimit; index += 1) {
    if (tenant.sandbox.tenant.membership(index) === "direct" && found++ === skip) return tenant.sandbox.tenant.userId(index);
  }
  throw new Error("no such member");
}

describe("directory sync against the Entra sandbox (real adapter, embedded runner)", () => {
  beforeAll(async () => {
    await useFreshDatabase("sync_entra");
    tenant = await startEntraTestTenant({ userCount: 2200, seed: "directory-sync-entra" });
  });
  afterAll(() => tenant.stop());
  beforeEach(async () => {
    await db().jobRun.deleteMany({});
    connectionId = await createEntraSandboxConnection(tenant);
  });

  it("does a full pass, then incremental passes with members added, changed and removed", { timeout: 90_000 }, async () => {
    const full = await sync();
    const members = await listMemberIds(tenant.provider());
    expect(full).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: members.length, created: members.length, deactivated: 0 });
    expect(await activeIds()).toEqual(members);
    expect((await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } })).deltaLink).toEqual(expect.any(String));

    const [changed, leaver] = [directMember(3), directMember(8)];
    await sandboxCall(`/users/${changed}`, { method: "PATCH", json: { city: "Tromsø", mobilePhone: "+47 412 34 567" } });
    await sandboxCall(`/users/${leaver}/membership`, { method: "DELETE" });
    const added = z.object({ id: z.string() }).parse(await sandboxCall("/users", { method: "POST", json: { givenName: "Zoë", surname: "Nakamura" } }));

    const delta = await sync();
    expect(delta).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", created: 1, updated: 1, deactivated: 1 });
    expect(await activeIds()).toEqual(await listMemberIds(tenant.provider()));
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: changed } })).toMatchObject({ city: "Tromsø", mobilePhone: "+47 412 34 567" });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: added.id } })).toMatchObject({ firstName: "Zoë", membership: "ACTIVE" });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: leaver } })).toMatchObject({ membership: "INACTIVE" });
  });

  it("ends with exactly the sandbox's members despite injected 429s and 5xx", { timeout: 90_000 }, async () => {
    await db().iamConnection.update({ where: { id: connectionId }, data: { deltaLink: null } });
    await sandboxCall("/faults", { method: "PUT", json: { rateLimitEvery: 4, serverErrorEvery: 5 } });
    const faulty = await sync();
    await sandboxCall("/faults", { method: "PUT", json: {} });
    const members = await listMemberIds(tenant.provider());
    expect(faulty).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: members.length });
    expect(await activeIds()).toEqual(members);
    expect(await db().employee.count({ where: { connectionId } })).toBe(members.length);
  });
});
