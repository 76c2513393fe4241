import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { findConnectionsDueForSync } from "@/lib/directory/find-connections-due-for-sync";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { InMemoryDirectory, testEmployee } from "@/lib/directory/testing/in-memory-directory";
import { enqueueCronRun } from "@/lib/jobs/embedded/enqueue-cron-run";
import { createJobFunctions } from "@/lib/jobs/job-functions";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { directorySyncSchedule } from "@/lib/jobs/functions/directory-sync-schedule";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

const directory = new InMemoryDirectory(Array.from({ length: 12 }, (_, index) => testEmployee(index)), { pageSize: 5, delta: false });
// The jobs ask this source for the connection's provider: each test's in-memory directory.
const functions = createJobFunctions({ providers: async () => directory.provider() });

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("scheduled directory syncs", () => {
  let connectionId: string;
  beforeAll(async () => {
    await useFreshDatabase("sync_schedule");
  });
  beforeEach(async () => {
    await db().jobRun.deleteMany({});
    connectionId = await createTestConnection({ syncIntervalMinutes: 60 });
  });

  it("a schedule tick queues and runs a sync for a due connection, once", async () => {
    expect(await enqueueCronRun(directorySyncSchedule.definition, "*/5 * * * *", new Date("2026-01-01T10:05:00Z"))).toBe(true);
    // A second process ticking the same minute does not queue it again.
    expect(await enqueueCronRun(directorySyncSchedule.definition, "*/5 * * * *", new Date("2026-01-01T10:05:00Z"))).toBe(false);
    await runJobsUntilIdle({ functions });
    const runs = await db().syncRun.findMany({ where: { connectionId } });
    expect(runs).toMatchObject([{ trigger: "SCHEDULE", status: "SUCCEEDED", seen: 12 }]);
    expect(await db().jobRun.findMany({ orderBy: { createdAt: "asc" }, select: { functionId: true, status: true } })).toEqual([
      { functionId: "directory-sync-schedule", status: "COMPLETED" },
      { functionId: "directory-sync", status: "COMPLETED" },
    ]);
    // Synced just now: the next tick queues nothing.
    expect(await findConnectionsDueForSync()).toEqual([]);
  });

  it("is due when the interval passed since the last sync, not while a run is active or was queued recently", async () => {
    expect(await findConnectionsDueForSync()).toEqual([connectionId]);
    await db().iamConnection.update({ where: { id: connectionId }, data: { lastSyncedAt: minutesAgo(30) } });
    expect(await findConnectionsDueForSync()).toEqual([]);
    await db().iamConnection.update({ where: { id: connectionId }, data: { lastSyncedAt: minutesAgo(61) } });
    expect(await findConnectionsDueForSync()).toEqual([connectionId]);
    // A failed attempt 10 minutes ago waits for the interval too.
    const failed = await db().syncRun.create({ data: { connectionId, trigger: "SCHEDULE", mode: "FULL", status: "FAILED", queuedAt: minutesAgo(10) } });
    expect(await findConnectionsDueForSync()).toEqual([]);
    await db().syncRun.update({ where: { id: failed.id }, data: { queuedAt: minutesAgo(70) } });
    expect(await findConnectionsDueForSync(new Date())).toEqual([connectionId]);
    await db().syncRun.create({ data: { connectionId, trigger: "MANUAL", mode: "FULL", status: "RUNNING", queuedAt: minutesAgo(120) } });
    expect(await findConnectionsDueForSync()).toEqual([]);
    await db().iamConnection.update({ where: { id: connectionId }, data: { status: "ERROR" } });
    await db().syncRun.deleteMany({});
    expect(await findConnectionsDueForSync()).toEqual([]);
  });
});
