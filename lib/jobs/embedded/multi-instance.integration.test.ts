import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { enqueueJobRuns } from "@/lib/jobs/embedded/enqueue-job-runs";
import { SCHEDULED_TIMER_EVENT } from "@/lib/jobs/embedded/enqueue-cron-run";
import { MULTI_INSTANCE_TABLES_SQL, multiInstanceJobs, TAKEOVER_EVENT, WORK_EVENT } from "@/lib/jobs/embedded/testing/multi-instance-jobs";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

/**
 * Issue 17: two app instances (real processes, each running the embedded runner) on one PostgreSQL database.
 * Everything is asserted on rows: JobRun/JobStep, and the effect rows the test functions write from inside
 * their step bodies (multi-instance-jobs.ts), which count what really ran, and where.
 */

const LOCK_MS = 5000;
const WORK_RUNS = 12;
const WORK_MS = 1200;
/** The scheduler's minute lasts 1 s: a 1.2 s step keeps a worker busy across a slot; a lock of 5 s survives a
 * loaded machine's event-loop stalls (a renewal missed would be a takeover, not the bug under test). */
const SCHEDULER_SPEED = 60;
const SCHEDULER_WINDOW_MS = 8000;
const INSTANCES = ["a", "b"] as const;

const functions = multiInstanceJobs("test");
const workFunctionId = "test-multi-instance-work";
const cronFunctionId = "test-multi-instance-cron";
const children = new Map<string, ChildProcess>();

const effectSchema = z.object({ runId: z.string(), step: z.string(), instance: z.string(), slot: z.string().nullable(), at: z.date() });
type Effect = z.infer<typeof effectSchema>;

async function effects(): Promise<Effect[]> {
  const rows = await db().$queryRaw<unknown[]>`SELECT "runId"::text AS "runId", "step", "instance", "slot", "at" FROM "multi_instance_effect" ORDER BY "id"`;
  return z.array(effectSchema).parse(rows);
}

function startInstance(name: string, schedulerBaseMs: number): Promise<ChildProcess> {
  const script = path.join(import.meta.dirname, "testing/multi-instance-runner.ts");
  const env = {
    ...process.env,
    INSTANCE_NAME: name,
    RUNNER_LOCK_MS: String(LOCK_MS),
    RUNNER_POLL_MS: "50",
    RUNNER_CONCURRENCY: "2",
    SCHEDULER_BASE_MS: String(schedulerBaseMs),
    SCHEDULER_SPEED: String(SCHEDULER_SPEED),
    SCHEDULER_WINDOW_MS: String(SCHEDULER_WINDOW_MS),
  };
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { env, stdio: ["pipe", "pipe", "inherit"] });
  children.set(name, child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(`runner ${name} started`)) resolve(child);
    });
    child.once("exit", (code, signal) => reject(new Error(`runner ${name} exited (${code ?? signal})`)));
  });
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe("two embedded runner processes on one database", () => {
  let schedulerEpochMs = 0;

  beforeAll(async () => {
    const ownerUrl = await useFreshDatabase("multi_instance");
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      for (const sql of MULTI_INSTANCE_TABLES_SQL) await owner.query(sql);
    } finally {
      await owner.end();
    }
    const schedulerBaseMs = Date.now();
    await Promise.all(INSTANCES.map((name) => startInstance(name, schedulerBaseMs)));
    // The scheduler's clock starts once both processes are up (loading takes them seconds), so both tick every
    // slot; it stands still until then.
    schedulerEpochMs = Date.now() + 100;
    for (const child of children.values()) child.stdin?.write(`start ${schedulerEpochMs}\n`);
  });

  afterAll(() => {
    for (const child of children.values()) child.kill("SIGKILL");
  });

  it("runs each job once, shared between both processes, and queues each cron slot once", { timeout: 60_000 }, async () => {
    const events = Array.from({ length: WORK_RUNS }, (_, index) => ({ name: WORK_EVENT, data: { index, durationMs: WORK_MS } }));
    // Queued while the scheduler's clock runs, so slots pass while every worker of both processes is busy.
    await waitFor("the scheduler's clock to start", async () => Date.now() >= schedulerEpochMs + 200);
    const runIds = await enqueueJobRuns(db(), functions, events);
    expect(runIds).toHaveLength(WORK_RUNS);

    await waitFor("the work runs to complete", async () => (await db().jobRun.count({ where: { functionId: workFunctionId, status: "COMPLETED" } })) === WORK_RUNS);
    const work = (await effects()).filter((effect) => effect.step === "work" || effect.step === "after-work");
    // Every step body ran exactly once per run: no run was executed twice, by either process.
    expect(countBy(work, (effect) => `${effect.runId}/${effect.step}`)).toEqual(new Map(runIds.flatMap((id) => [[`${id}/work`, 1], [`${id}/after-work`, 1]])));
    expect(new Set(work.map((effect) => effect.instance))).toEqual(new Set(INSTANCES));
    expect(await db().jobRun.findMany({ where: { functionId: workFunctionId }, select: { status: true, attempts: true, error: true, lockedBy: true } })).toEqual(
      runIds.map(() => ({ status: "COMPLETED", attempts: 0, error: null, lockedBy: null })),
    );
    expect(await db().jobStep.count({ where: { runId: { in: runIds } } })).toBe(2 * WORK_RUNS);

    // The scheduler's window ends: no slot after it; wait for the last cron runs to finish.
    await waitFor("the scheduler's window to end", async () => Date.now() >= schedulerEpochMs + SCHEDULER_WINDOW_MS + 1000);
    await waitFor("the cron runs to complete", async () => (await db().jobRun.count({ where: { functionId: cronFunctionId, status: { not: "COMPLETED" } } })) === 0);
    const cronRuns = await db().jobRun.findMany({ where: { functionId: cronFunctionId }, select: { id: true, eventName: true, eventData: true } });
    const slots = cronRuns.map((run) => z.object({ slot: z.iso.datetime() }).parse(run.eventData).slot).sort();
    expect(cronRuns.every((run) => run.eventName === SCHEDULED_TIMER_EVENT)).toBe(true);
    // Both processes tick every 50 ms on the same clock, so both try to queue each slot: it was queued once.
    expect(new Set(slots).size).toBe(slots.length);
    // No slot was skipped either, even while every worker of both processes was busy with a long step.
    const expectedSlots = Math.floor((SCHEDULER_WINDOW_MS * SCHEDULER_SPEED) / 60_000);
    expect(slots.length).toBeGreaterThanOrEqual(expectedSlots - 1);
    const first = Date.parse(slots[0] ?? "");
    expect(slots).toEqual(slots.map((_, index) => new Date(first + index * 60_000).toISOString()));
    // ...and each queued slot ran once.
    const ticks = (await effects()).filter((effect) => effect.step === "tick");
    expect(countBy(ticks, (effect) => effect.slot ?? "")).toEqual(new Map(slots.map((slot) => [slot, 1])));
    expect(new Set(ticks.map((tick) => tick.runId))).toEqual(new Set(cronRuns.map((run) => run.id)));
  });

  it("takes over the run of a SIGKILLed process once its lock expires, without re-running completed steps", { timeout: 60_000 }, async () => {
    const [runId] = await enqueueJobRuns(db(), functions, [{ name: TAKEOVER_EVENT, data: { signal: "release-takeover" } }]);
    if (!runId) throw new Error("no takeover run queued");
    const holdStarts = async () => (await effects()).filter((effect) => effect.runId === runId && effect.step === "hold-started");
    await waitFor("a process to start the held step", async () => (await holdStarts()).length === 1);
    const [started] = await holdStarts();
    const victim = started?.instance ?? "";
    const survivor = INSTANCES.find((name) => name !== victim) ?? "";
    const victimProcess = children.get(victim);
    if (!victimProcess) throw new Error(`no process ${victim}`);
    const exited = new Promise((resolve) => victimProcess.once("exit", resolve));
    victimProcess.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();
    children.delete(victim);

    const atKill = await db().jobRun.findUniqueOrThrow({ where: { id: runId } });
    expect(atKill.status).toBe("RUNNING");
    expect(atKill.lockedBy).toMatch(new RegExp(`^${victim}-`));

    // The survivor resumes the run only once the dead process's lock has expired (renewed every LOCK_MS / 3).
    await waitFor("the survivor to take the run over", async () => (await holdStarts()).length === 2, 20_000);
    const takenOver = (await holdStarts())[1];
    expect(takenOver?.instance).toBe(survivor);
    expect((takenOver?.at.getTime() ?? 0) - killedAt).toBeGreaterThanOrEqual(LOCK_MS / 2);
    expect((await db().jobRun.findUniqueOrThrow({ where: { id: runId } })).lockedBy).toMatch(new RegExp(`^${survivor}-`));

    await db().$executeRaw`INSERT INTO "multi_instance_signal" ("name") VALUES ('release-takeover')`;
    await waitFor("the run to complete", async () => (await db().jobRun.findUniqueOrThrow({ where: { id: runId } })).status === "COMPLETED");

    const runEffects = (await effects()).filter((effect) => effect.runId === runId);
    // "prepare" completed before the kill: memoised, not run again. "hold" was cut off, so it ran again.
    expect(runEffects.map((effect) => [effect.step, effect.instance])).toEqual([
      ["prepare", victim],
      ["hold-started", victim],
      ["hold-started", survivor],
      ["finish", survivor],
    ]);
    const steps = await db().jobStep.findMany({ where: { runId }, orderBy: { createdAt: "asc" }, select: { stepId: true, output: true } });
    expect(steps).toEqual([
      { stepId: "prepare", output: null },
      { stepId: "hold", output: { releasedOn: survivor } },
      { stepId: "finish", output: null },
    ]);
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "COMPLETED", attempts: 0, error: null, lockedBy: null });
  });
});
