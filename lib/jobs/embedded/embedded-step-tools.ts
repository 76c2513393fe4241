import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { JobFunction } from "@/lib/jobs/define-job";
import { enqueueJobRuns } from "@/lib/jobs/embedded/enqueue-job-runs";
import { sqlTime } from "@/lib/jobs/embedded/job-run-lock";
import type { JobEvent, JobStepTools } from "@/lib/jobs/job-types";

/** Thrown through the handler to suspend a run until `wakeAt` (what Inngest does for `step.sleep`). */
export class SleepInterrupt extends Error {
  constructor(readonly wakeAt: Date) {
    super("The run sleeps until a later time.");
    this.name = "SleepInterrupt";
  }
}

/** This worker no longer holds the run's lock: another worker resumed it, so nothing more may be recorded. */
export class LockLostError extends Error {
  constructor() {
    super("The job run's lock was lost to another worker.");
    this.name = "LockLostError";
  }
}

const sleepOutputSchema = z.object({ wakeAt: z.iso.datetime() });

/** Outputs are stored as JSON, and a resumed run must see exactly what a first run saw: round-trip them now. */
function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** Loads the memoised steps of a run. */
export async function loadJobSteps(runId: string): Promise<Map<string, unknown>> {
  const rows = await db().jobStep.findMany({ where: { runId }, select: { stepId: true, output: true } });
  return new Map(rows.map((row) => [row.stepId, row.output]));
}

/**
 * `step` for the embedded runner: `run` returns the memoised output when the step completed before (this run,
 * an earlier attempt or a process that died), else runs it and stores its output, but only while this worker
 * still holds the lock (a worker that lost it cannot record anything). `sendEvent` enqueues and memoises in one
 * transaction, so a resumed run never sends twice.
 */
export class EmbeddedStepTools implements JobStepTools {
  /** Steps completed during this attempt (progress resets the retry count, like Inngest's per-step retries). */
  completedSteps = 0;

  constructor(
    private readonly runId: string,
    private readonly workerId: string,
    private readonly memo: Map<string, unknown>,
    private readonly functions: readonly JobFunction[],
    private readonly prefix = "",
  ) {}

  async run(id: string, fn: () => Promise<unknown>): Promise<unknown> {
    const key = this.prefix + id;
    if (this.memo.has(key)) return this.memo.get(key);
    const json = toJson(await fn());
    await this.store(key, json);
    return this.memo.get(key);
  }

  async sleep(id: string, durationMs: number): Promise<void> {
    const key = this.prefix + id;
    if (!this.memo.has(key)) await this.store(key, toJson({ wakeAt: new Date(Date.now() + durationMs).toISOString() }));
    const wakeAt = new Date(sleepOutputSchema.parse(this.memo.get(key)).wakeAt);
    if (wakeAt.getTime() > Date.now()) throw new SleepInterrupt(wakeAt);
  }

  async sendEvent(id: string, events: JobEvent | JobEvent[]): Promise<unknown> {
    const key = this.prefix + id;
    if (this.memo.has(key)) return this.memo.get(key);
    const list = Array.isArray(events) ? events : [events];
    await db().$transaction(async (tx) => {
      const ids = await enqueueJobRuns(tx, this.functions, list);
      await this.store(key, toJson({ ids }), tx);
    });
    return this.memo.get(key);
  }

  private async store(key: string, json: string, client: Pick<ReturnType<typeof db>, "$executeRaw"> = db()): Promise<void> {
    const stored = await client.$executeRaw`
      INSERT INTO "job_step" ("runId", "stepId", "output", "createdAt")
      SELECT ${this.runId}::uuid, ${key}, ${json}::jsonb, ${sqlTime(new Date())}::timestamptz AT TIME ZONE 'UTC'
      WHERE EXISTS (
        SELECT 1 FROM "job_run" WHERE "id" = ${this.runId}::uuid AND "lockedBy" = ${this.workerId} AND "status" = 'RUNNING'
          AND "lockedUntil" >= ${sqlTime(new Date())}::timestamptz AT TIME ZONE 'UTC')
      ON CONFLICT ("runId", "stepId") DO NOTHING`;
    if (stored !== 1) throw new LockLostError();
    this.memo.set(key, JSON.parse(json));
    this.completedSteps += 1;
  }
}
