import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createOktaSandboxConnection, listMemberIds } from "@/lib/directory/testing/sandbox-connections";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let tenant: OktaTestTenant;
let child: ChildProcess | undefined;

function startRunnerProcess(): Promise<ChildProcess> {
  const script = path.join(import.meta.dirname, "testing/embedded-runner-process.ts");
  const started = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { env: { ...process.env, RUNNER_LOCK_MS: "1000" }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    started.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("runner started")) resolve(started);
    });
    started.on("exit", (code) => reject(new Error(`runner process exited with ${code}`)));
  });
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 1200; tries += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not reached");
}

describe("a runner process killed mid-sync", () => {
  beforeAll(async () => {
    await useFreshDatabase("killed_runner");
    tenant = await startOktaTestTenant({ userCount: 6000, seed: "directory-sync-killed" });
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await tenant.close();
  });

  it("is resumed by another runner from where it stopped: no duplicates, exact counts, nobody deactivated wrongly", { timeout: 120_000 }, async () => {
    const connectionId = await createOktaSandboxConnection(tenant);
    await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle();
    tenant.sandbox.state.removeFromGroup(7);
    // A full pass (the one that deactivates), not the incremental one the stored delta link would give.
    await db().iamConnection.update({ where: { id: connectionId }, data: { deltaLink: null } });
    // A slow provider, so the kill lands between pages.
    tenant.sandbox.faults.configure({ latencyMs: 150 });
    const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    expect(run.mode).toBe("FULL");
    child = await startRunnerProcess();
    // Okta pages hold 1000 members: 6 pages, killed after the second.
    await waitFor(async () => (await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).pages >= 2);
    child.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));

    const atKill = await db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(atKill).toMatchObject({ status: "RUNNING" });
    expect(atKill.pages).toBeLessThan(6);
    expect(await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["syncRunId"], equals: run.id } } })).toMatchObject({ status: "RUNNING", lockedBy: "child-process" });
    expect(await db().employee.count({ where: { membership: "INACTIVE" } })).toBe(0);

    tenant.sandbox.faults.configure({});
    await runJobsUntilIdle({ workerId: "survivor" });

    const finished = await db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "SUCCEEDED", pages: 6, seen: 5999, created: 0, deactivated: 1, startedAt: atKill.startedAt });
    expect(await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["syncRunId"], equals: run.id } } })).toMatchObject({ status: "COMPLETED" });
    const active = await db().employee.findMany({ where: { connectionId, membership: "ACTIVE" }, select: { externalId: true } });
    expect(active.map((row) => row.externalId).sort()).toEqual(await listMemberIds(tenant.provider()));
    expect(await db().employee.count()).toBe(6000);
    expect(await db().employee.findFirstOrThrow({ where: { externalId: tenant.sandbox.state.userId(7) } })).toMatchObject({ membership: "INACTIVE" });
  });
});
