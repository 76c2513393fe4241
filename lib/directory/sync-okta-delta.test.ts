import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createOktaSandboxConnection, listMemberIds } from "@/lib/directory/testing/sandbox-connections";
import { decodeOktaDeltaLink, encodeOktaCursor } from "@/lib/iam/okta/okta-sync-cursor";
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

async function sandboxCall(path: string, method: string, json?: unknown): Promise<void> {
  const response = await fetch(`${tenant.url}/_sandbox${path}`, { method, headers: { "content-type": "application/json" }, body: json === undefined ? undefined : JSON.stringify(json) });
  if (!response.ok) throw new Error(`sandbox ${path} answered ${response.status}`);
}

const storedDeltaLink = async () => (await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } })).deltaLink;
const userId = (index: number) => tenant.sandbox.state.userId(index);

describe("incremental directory sync from Okta's System Log (real adapter, sandbox over HTTP, PostgreSQL)", () => {
  beforeAll(async () => {
    await useFreshDatabase("sync_okta_delta");
    tenant = await startOktaTestTenant({ userCount: 300, seed: "directory-sync-okta-delta" });
  });
  afterAll(() => tenant.close());
  beforeEach(async () => {
    tenant.sandbox.reset();
    await db().jobRun.deleteMany({});
    connectionId = await createOktaSandboxConnection(tenant);
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: 300 });
  });

  it("applies a deletion and a re-added member, and a late event in the next run, exactly once", { timeout: 60_000 }, async () => {
    await sandboxCall(`/users/${userId(11)}`, "DELETE");
    await sandboxCall(`/users/${userId(12)}/membership`, "DELETE");
    await sandboxCall(`/users/${userId(12)}/membership`, "PUT");
    const first = await sync();
    expect(first).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 1, created: 0, updated: 0, deactivated: 1 });
    expect(await activeIds()).toEqual(await listMemberIds(tenant.provider()));

    // Published two minutes before the position the last run stored, but in the log only now.
    await sandboxCall("/system-log", "PUT", { lateBySeconds: 120 });
    await sandboxCall(`/users/${userId(20)}`, "PATCH", { profile: { city: "Hammerfest" } });
    const late = await sync();
    expect(late).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 1, updated: 1 });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: userId(20) } })).toMatchObject({ city: "Hammerfest", membership: "ACTIVE" });
    // Still inside the look-back window, but its uuid is remembered: not re-read, not applied again.
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 0, updated: 0, deactivated: 0 });
  });

  it("starts over with a full pass when the stored position is older than the log's retention", { timeout: 60_000 }, async () => {
    const stale = encodeOktaCursor({ v: 1, at: new Date(Date.now() - 100 * 86_400_000).toISOString(), seen: [] });
    await db().iamConnection.update({ where: { id: connectionId }, data: { deltaLink: stale } });
    await sandboxCall(`/users/${userId(30)}/membership`, "DELETE");
    const run = await sync();
    expect(run).toMatchObject({ status: "SUCCEEDED", mode: "FULL", pages: 1, seen: 299, deactivated: 1 });
    expect(await activeIds()).toEqual(await listMemberIds(tenant.provider()));
    const fresh = await storedDeltaLink();
    expect(fresh).not.toBe(stale);
    expect(Date.now() - Date.parse(decodeOktaDeltaLink(fresh ?? "").at)).toBeLessThan(60_000);
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 0 });
  });

  it("retries a run throttled on the log (429 beyond the SDK's own retries) and applies the change", { timeout: 60_000 }, async () => {
    await sandboxCall(`/users/${userId(40)}`, "PATCH", { profile: { city: "Vardø" } });
    await sandboxCall("/system-log", "PUT", { throttleNext: 3 });
    const run = await sync();
    expect(run).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 1, updated: 1 });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: userId(40) } })).toMatchObject({ city: "Vardø" });
  });
});
