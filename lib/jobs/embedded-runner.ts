import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";
import type { JobFunction } from "@/lib/jobs/define-job";
import { nextCronTime } from "@/lib/jobs/embedded/cron-schedule";
import { enqueueCronRun } from "@/lib/jobs/embedded/enqueue-cron-run";
import { executeJobRun, type ExecuteOptions } from "@/lib/jobs/embedded/execute-job-run";
import { claimJobRun, releaseJobRunLock } from "@/lib/jobs/embedded/job-run-lock";
import { type BackoffOptions, DEFAULT_BACKOFF } from "@/lib/jobs/embedded/retry-delay";
import { forwardPendingJobEvents } from "@/lib/jobs/job-event-forwarding";
import { jobFunctions } from "@/lib/jobs/job-functions";

export type EmbeddedRunnerOptions = {
  /** How often an idle worker looks for due runs. */
  pollIntervalMs?: number;
  /** A run whose lock is not renewed within this time is taken over (its process is presumed dead). */
  lockMs?: number;
  /** Runs executed at once by this process. */
  concurrency?: number;
  backoff?: Partial<BackoffOptions>;
  functions?: readonly JobFunction[];
  workerId?: string;
  /** The cron scheduler's clock: tests run it fast to pass many slots in seconds. The wall clock by default. */
  schedulerClock?: () => Date;
};

const DEFAULT_LOCK_MS = 30_000;
/** Slots a late scheduler tick still queues; beyond, the process was away and resumes at the next slot. */
const MAX_CATCH_UP_SLOTS = 5;

function executeOptions(options: EmbeddedRunnerOptions): ExecuteOptions {
  return {
    workerId: options.workerId ?? `${process.pid}-${randomUUID()}`,
    lockMs: options.lockMs ?? DEFAULT_LOCK_MS,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    functions: options.functions ?? jobFunctions,
  };
}

/**
 * The in-process job runner of the embedded default: polls JobRun rows, executes the same job functions Inngest
 * would (see define-job.ts), retries with backoff, resumes runs of dead processes once their lock expires, and
 * ticks cron-triggered functions. `stop()` stops claiming, waits briefly for running jobs, then hands the rest
 * back so that the next start (or another process) resumes them from their memoised steps.
 */
export function startEmbeddedJobRunner(options: EmbeddedRunnerOptions = {}): { stop(): Promise<void> } {
  const execute = executeOptions(options);
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const functionIds = execute.functions.map((job) => job.definition.id);
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;
  const sleepers = new Set<() => void>();
  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      sleepers.add(done);
    });

  const clock = options.schedulerClock ?? (() => new Date());
  const cronJobs = execute.functions.flatMap(({ definition }) => ("cron" in definition.trigger ? [{ definition, cron: definition.trigger.cron, next: nextCronTime(definition.trigger.cron, clock()) }] : []));
  // Every slot that came due while this process ran is queued, even when a tick came late (a busy event loop):
  // the next slot follows the last one, not the clock. A process that was stopped (or suspended for long) does
  // not replay what it missed beyond MAX_CATCH_UP_SLOTS, like Inngest (decision 77).
  const tickCrons = async () => {
    for (const job of cronJobs) {
      for (let caughtUp = 0; clock().getTime() >= job.next.getTime(); caughtUp += 1) {
        if (caughtUp === MAX_CATCH_UP_SLOTS) {
          job.next = nextCronTime(job.cron, clock());
          break;
        }
        await enqueueCronRun(job.definition, job.cron, job.next);
        job.next = nextCronTime(job.cron, job.next);
      }
    }
  };

  // Job events recorded but not forwarded (a crash right after their commit, a process that registered no
  // forwarder) become runs here, on a loop of their own so they never delay the scheduler.
  const sweeper = async () => {
    while (!stopped) {
      await forwardPendingJobEvents();
      await idle();
    }
  };

  // The scheduler ticks on a loop of its own, not between runs (decision 77): while every worker was busy with
  // a run longer than a cron period (a large directory sync), slots went by unqueued and were skipped.
  const scheduler = async () => {
    while (!stopped && cronJobs.length > 0) {
      try {
        await tickCrons();
      } catch (error) {
        console.error(`Job runner: ${error instanceof Error ? error.name : "error"} while scheduling; retrying.`);
      }
      await idle();
    }
  };

  const worker = async () => {
    while (!stopped) {
      try {
        const run = await claimJobRun({ workerId: execute.workerId, functionIds, lockMs: execute.lockMs });
        if (!run) {
          await idle();
          continue;
        }
        const execution = executeJobRun(run, execute).finally(() => inFlight.delete(run.id));
        inFlight.set(run.id, execution);
        await execution;
      } catch (error) {
        // The database may be restarting; keep polling. The message names the failure, not data.
        console.error(`Job runner: ${error instanceof Error ? error.name : "error"} while polling; retrying.`);
        await idle();
      }
    }
  };
  const workers = [scheduler(), sweeper(), ...Array.from({ length: options.concurrency ?? 2 }, () => worker())];

  return {
    async stop() {
      stopped = true;
      for (const done of [...sleepers]) done();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([Promise.all(inFlight.values()), grace]);
      await Promise.all([...inFlight.keys()].map((runId) => releaseJobRunLock({ runId, workerId: execute.workerId })));
      if (inFlight.size === 0) await Promise.all(workers);
    },
  };
}

/**
 * Tests and scripts: executes due runs in this process until none is left, waiting for runs that are due within
 * `maxWaitMs` (backoff, sleeps, a dead worker's lock expiring). Cron functions are not ticked.
 */
export async function runJobsUntilIdle(options: EmbeddedRunnerOptions & { maxWaitMs?: number } = {}): Promise<{ executed: number }> {
  const execute = executeOptions(options);
  const functionIds = execute.functions.map((job) => job.definition.id);
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  let executed = 0;
  for (;;) {
    // Events recorded by the code under test (a sync or reset request) become runs first.
    await forwardPendingJobEvents();
    const run = await claimJobRun({ workerId: execute.workerId, functionIds, lockMs: execute.lockMs });
    if (run) {
      await executeJobRun(run, execute);
      executed += 1;
      continue;
    }
    const pending = await db().jobRun.findMany({ where: { functionId: { in: functionIds }, status: { in: ["QUEUED", "RUNNING"] } }, select: { status: true, runAfter: true, lockedUntil: true } });
    const dueTimes = pending.map((row) => (row.status === "QUEUED" ? row.runAfter : (row.lockedUntil ?? new Date())).getTime());
    if (dueTimes.length === 0) return { executed };
    const wait = Math.max(10, Math.min(...dueTimes) - Date.now() + 10);
    if (wait > maxWaitMs) return { executed };
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 250)));
  }
}
