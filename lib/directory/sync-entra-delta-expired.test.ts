import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("an Entra delta link that Graph no longer accepts (410 resyncRequired)", () => {
  beforeAll(async () => {
    await useFreshDatabase("sync_entra_delta_expired");
    tenant = await startEntraTestTenant({ userCount: 300, seed: "directory-sync-entra-expired" });
  });
  afterAll(() => tenant.stop());

  it("makes the DELTA run start over as a FULL pass, which stores a fresh delta link", { timeout: 90_000 }, async () => {
    connectionId = await createEntraSandboxConnection(tenant);
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "FULL" });
    const before = (await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } })).deltaLink;
    // A reset invalidates every delta token issued before it, as a lost Graph sync state does.
    await tenant.call("/_sandbox/reset", { method: "POST" });
    await tenant.approveConsent();

    const run = await sync();
    const members = await listMemberIds(tenant.provider());
    expect(run).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: members.length, error: null });
    const after = (await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } })).deltaLink;
    expect(after).toEqual(expect.any(String));
    expect(after).not.toBe(before);
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "DELTA" });
  });
});
