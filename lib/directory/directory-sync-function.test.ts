import { InngestTestEngine } from "@inngest/test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createQueuedSyncRun } from "@/lib/directory/create-queued-sync-run";
import { directorySyncRequestedEvent } from "@/lib/directory/sync-event";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { InMemoryDirectory, testEmployee } from "@/lib/directory/testing/in-memory-directory";
import { createDirectorySyncJob } from "@/lib/jobs/functions/directory-sync";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let directory = new InMemoryDirectory([]);
// The job asks this source for the connection's provider: each test's in-memory directory.
const directorySync = createDirectorySyncJob(async () => directory.provider());

async function runSync(connectionId: string) {
  const { run } = await createQueuedSyncRun({ connectionId, trigger: "MANUAL" });
  const engine = new InngestTestEngine({ function: directorySync.inngestFunction, events: [directorySyncRequestedEvent({ connectionId, syncRunId: run.id })] });
  const { result, error } = await engine.execute();
  return { result, error, run: await db().syncRun.findUniqueOrThrow({ where: { id: run.id } }) };
}

async function activeIds(connectionId: string): Promise<string[]> {
  const rows = await db().employee.findMany({ where: { connectionId, membership: "ACTIVE" }, select: { externalId: true }, orderBy: { externalId: "asc" } });
  return rows.map((row) => row.externalId);
}

describe("directory sync function under @inngest/test", () => {
  let connectionId: string;
  beforeAll(async () => {
    await useFreshDatabase("directory_sync_fn");
  });
  beforeEach(async () => {
    directory = new InMemoryDirectory(Array.from({ length: 25 }, (_, index) => testEmployee(index)), { pageSize: 10, delta: true });
    connectionId = await createTestConnection();
  });

  it("runs a full pass page by page, then incremental passes with changes and removals", async () => {
    const first = await runSync(connectionId);
    expect(first.error).toBeUndefined();
    expect(first.run).toMatchObject({ status: "SUCCEEDED", mode: "FULL", pages: 3, seen: 25, created: 25, updated: 0, deactivated: 0, expectedTotal: 25 });
    expect(await activeIds(connectionId)).toEqual(directory.memberIds());
    const admin = await db().employee.findFirstOrThrow({ where: { connectionId, externalId: "user-000000" } });
    expect(admin).toMatchObject({ adminRoles: ["SUPER_ADMIN"], login: "person0@example.test", lastSeenSyncRunId: first.run.id });
    const connection = await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(connection.deltaLink).toBe("v:0");
    expect(connection.lastSyncedAt).not.toBeNull();

    directory.upsert(testEmployee(3, { lastName: "Renamed" }));
    directory.upsert(testEmployee(100));
    directory.remove("user-000007");
    const second = await runSync(connectionId);
    expect(second.run).toMatchObject({ status: "SUCCEEDED", mode: "DELTA", seen: 2, created: 1, updated: 1, deactivated: 1 });
    expect(await activeIds(connectionId)).toEqual(directory.memberIds());
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: "user-000003" } })).toMatchObject({ lastName: "Renamed" });
    expect(await db().employee.count({ where: { connectionId } })).toBe(26);

    // A day after the last full pass, the next run is a full pass again (deltas miss some departures).
    await db().syncRun.update({ where: { id: first.run.id }, data: { finishedAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });
    const third = await runSync(connectionId);
    expect(third.run).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: 25, created: 0, updated: 0, deactivated: 0 });
  });

  it("deactivates members missing from a complete full pass, and counts only real changes", async () => {
    await runSync(connectionId);
    await db().iamConnection.update({ where: { id: connectionId }, data: { deltaLink: null } });
    directory.remove("user-000001");
    directory.remove("user-000002");
    directory.upsert(testEmployee(5, { accountStatus: "SUSPENDED" }));
    const second = await runSync(connectionId);
    expect(second.run).toMatchObject({ status: "SUCCEEDED", mode: "FULL", seen: 23, created: 0, updated: 1, deactivated: 2 });
    expect(await activeIds(connectionId)).toEqual(directory.memberIds());
    expect(await db().employee.count({ where: { connectionId } })).toBe(25);
  });

  it("does nothing for a run that already finished (duplicate event)", async () => {
    const first = await runSync(connectionId);
    const engine = new InngestTestEngine({ function: directorySync.inngestFunction, events: [directorySyncRequestedEvent({ connectionId, syncRunId: first.run.id })] });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ status: "SUCCEEDED" });
    expect(directory.calls).toHaveLength(3);
  });
});
