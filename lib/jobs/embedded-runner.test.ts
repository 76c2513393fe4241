import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { InMemoryDirectory, testEmployee } from "@/lib/directory/testing/in-memory-directory";
import { ProviderError } from "@/lib/iam/identity-provider";
import { createJobFunctions } from "@/lib/jobs/job-functions";
import { runJobsUntilIdle, startEmbeddedJobRunner } from "@/lib/jobs/embedded-runner";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let directory = new InMemoryDirectory([]);
// The jobs ask this source for the connection's provider: each test's in-memory directory.
const functions = createJobFunctions({ providers: async () => directory.provider() });

const fastRetries = { backoff: { baseMs: 10, maxMs: 200 }, functions };

async function activeIds(connectionId: string): Promise<string[]> {
  const rows = await db().employee.findMany({ where: { connectionId, membership: "ACTIVE" }, select: { externalId: true }, orderBy: { externalId: "asc" } });
  return rows.map((row) => row.externalId);
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 400; tries += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not reached");
}

describe("embedded job runner with the directory sync", () => {
  let connectionId: string;
  beforeAll(async () => {
    await useFreshDatabase("embedded_runner");
  });
  beforeEach(async () => {
    await db().jobRun.deleteMany({});
    directory = new InMemoryDirectory(Array.from({ length: 45 }, (_, index) => testEmployee(index)), { pageSize: 10, delta: false });
    connectionId = await createTestConnection();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("runs an event end to end: JobRun, memoised steps, SyncRun SUCCEEDED", async () => {
    const { run, created } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    expect(created).toBe(true);
    const jobs = await db().jobRun.findMany({});
    expect(jobs).toMatchObject([{ functionId: "directory-sync", status: "QUEUED", concurrencyKey: `directory-sync:${connectionId}` }]);

    await runJobsUntilIdle(fastRetries);
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "SUCCEEDED", pages: 5, seen: 45, created: 45, deactivated: 0 });
    // No attempt failed (two pages are written at a time: their cursor updates must queue, not collide).
    expect(await db().jobRun.findFirstOrThrow({})).toMatchObject({ status: "COMPLETED", lockedBy: null, attempts: 0, error: null });
    const steps = await db().jobStep.findMany({ orderBy: { createdAt: "asc" } });
    expect(steps.map((step) => step.stepId)).toEqual(["start-run", "pages-0", "finish-run"]);
    expect(await activeIds(connectionId)).toEqual(directory.memberIds());
  });

  it("returns the active run to a second request instead of queuing another", async () => {
    const first = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    const second = await requestDirectorySync({ connectionId, trigger: "SCHEDULE" });
    expect(second).toMatchObject({ created: false, run: { id: first.run.id } });
    expect(await db().jobRun.count()).toBe(1);
    await runJobsUntilIdle(fastRetries);
    const third = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    expect(third.created).toBe(true);
  });

  it("retries throttling and transient errors and ends with exactly the provider's members", async () => {
    await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    directory.remove("user-000004");
    directory.upsert(testEmployee(200));
    directory.beforeFetch = (call) => {
      if (call % 3 === 0) throw new ProviderError("Too many requests (429).", { retryable: true, retryAfterMs: 20, status: 429 });
      if (call % 4 === 0) throw new ProviderError("Service unavailable (503).", { retryable: true, status: 503 });
    };
    const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "SUCCEEDED", seen: 45, created: 1, deactivated: 1 });
    expect(await activeIds(connectionId)).toEqual(directory.memberIds());
    expect(await db().employee.count()).toBe(46);
  });

  it("fails a run on a permanent error with a readable reason, deactivating nobody", async () => {
    await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    for (const id of ["user-000010", "user-000011", "user-000044"]) directory.remove(id);
    directory.upsert(testEmployee(1, { firstName: "Changed" }));
    const base = directory.calls.length;
    directory.beforeFetch = (call) => {
      if (call - base === 3) throw new ProviderError("Okta refused the call (E0000006): assign the Help Desk Administrator role.", { retryable: false, status: 403 });
    };
    const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    const failed = await db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed).toMatchObject({ status: "FAILED", deactivated: 0, error: expect.stringContaining("Help Desk Administrator") });
    expect(failed.finishedAt).not.toBeNull();
    expect(await db().employee.count({ where: { membership: "INACTIVE" } })).toBe(0);
    // Updates already applied stay.
    expect(await db().employee.findFirstOrThrow({ where: { externalId: "user-000001" } })).toMatchObject({ firstName: "Changed" });
    expect(await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["syncRunId"], equals: run.id } } })).toMatchObject({ status: "FAILED" });
  });

  it("fails after the retries of a step are used up, deactivating nobody", async () => {
    await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    directory.remove("user-000030");
    const base = directory.calls.length;
    directory.beforeFetch = (call) => {
      if (call - base >= 2) throw new ProviderError("Service unavailable (503).", { retryable: true, status: 503 });
    };
    const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "FAILED", error: "Service unavailable (503).", deactivated: 0 });
    expect(await db().employee.count({ where: { membership: "INACTIVE" } })).toBe(0);
    // Page 1, the prefetch of page 2 (fails: the step keeps page 1 and the job waits), then the next step's
    // first attempt plus its 6 retries.
    expect(directory.calls.length - base).toBe(2 + 7);
  });

  it("resumes a run whose worker died mid-pass, without duplicates or wrong deactivations", async () => {
    await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle(fastRetries);
    directory.remove("user-000020");
    directory.upsert(testEmployee(300));
    let release: (() => void) | undefined;
    const base = directory.calls.length;
    directory.beforeFetch = (call) => {
      if (call - base === 3) return new Promise<void>((resolve) => (release = resolve)); // the third page of this run hangs
    };
    const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    const doomed = startEmbeddedJobRunner({ workerId: "doomed", lockMs: 400, pollIntervalMs: 20, concurrency: 1, ...fastRetries });
    await waitFor(async () => (await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).pages >= 2 && release !== undefined);
    // The process "dies": its lock is no longer renewed and expires.
    await db().jobRun.updateMany({ where: { lockedBy: "doomed" }, data: { lockedUntil: new Date(Date.now() - 1000) } });

    directory.beforeFetch = () => undefined;
    await runJobsUntilIdle({ ...fastRetries, workerId: "survivor", lockMs: 5000 });
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "SUCCEEDED" });
    release?.(); // the dead worker's request returns late: whatever it tries to write must not count twice
    await doomed.stop();
    await runJobsUntilIdle(fastRetries);

    const finished = await db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "SUCCEEDED", seen: 45, created: 1, deactivated: 1, pages: 5 });
    expect(await activeIds(connectionId)).toEqual(directory.memberIds());
    expect(await db().employee.count()).toBe(46);
    const duplicates = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT "externalId" FROM "employee" GROUP BY 1 HAVING count(*) > 1) d`;
    expect(Number(duplicates[0]?.n)).toBe(0);
    expect(await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["syncRunId"], equals: run.id } } })).toMatchObject({ status: "COMPLETED" });
  });
});
