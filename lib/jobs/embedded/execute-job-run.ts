import { NonRetriableError } from "inngest";
import type { JobFunction } from "@/lib/jobs/define-job";
import { EmbeddedStepTools, loadJobSteps, LockLostError, SleepInterrupt } from "@/lib/jobs/embedded/embedded-step-tools";
import { type ClaimedJobRun, renewJobRunLock, settleJobRun } from "@/lib/jobs/embedded/job-run-lock";
import { type BackoffOptions, retryDelayMs } from "@/lib/jobs/embedded/retry-delay";

export type ExecuteOptions = { workerId: string; lockMs: number; backoff: BackoffOptions; functions: readonly JobFunction[] };

/** Prefix of the failure handler's step ids, so they never collide with the handler's own. */
const FAILURE_STEP_PREFIX = "on-failure:";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one claimed attempt of a job: the handler replays memoised steps and runs the next ones; the lock is
 * renewed meanwhile. Outcomes: COMPLETED; QUEUED again (sleep, or a retry after backoff); FAILED once the
 * error is non-retryable or the current step used up its retries, after `onFailure` ran. A worker that lost
 * its lock records nothing.
 */
export async function executeJobRun(run: ClaimedJobRun, options: ExecuteOptions): Promise<void> {
  const job = options.functions.find((candidate) => candidate.definition.id === run.functionId);
  if (!job) {
    await settleJobRun({ runId: run.id, workerId: options.workerId, status: "FAILED", error: `No job function "${run.functionId}" is registered.` });
    return;
  }
  const { definition } = job;
  const event = { name: run.eventName, data: run.eventData };
  const memo = await loadJobSteps(run.id);
  const renewal = setInterval(() => {
    renewJobRunLock({ runId: run.id, workerId: options.workerId, lockMs: options.lockMs }).catch(() => undefined);
  }, Math.max(50, Math.floor(options.lockMs / 3)));

  try {
    // A previous attempt exhausted its retries but its failure handler did not finish: only that is left to do.
    const exhausted = run.attempts > definition.retries;
    const step = new EmbeddedStepTools(run.id, options.workerId, memo, options.functions);
    let failure: unknown = exhausted ? new NonRetriableError(run.error ?? "The job failed.") : null;
    if (!exhausted) {
      try {
        await definition.handler({ event, step, attempt: run.attempts, runId: run.id });
        await settleJobRun({ runId: run.id, workerId: options.workerId, status: "COMPLETED", error: null });
        return;
      } catch (error) {
        if (error instanceof SleepInterrupt) {
          await settleJobRun({ runId: run.id, workerId: options.workerId, status: "QUEUED", runAfter: error.wakeAt });
          return;
        }
        if (error instanceof LockLostError) return;
        failure = error;
      }
      // Progress (a step completed) means a new step failed: it gets its own retries, as under Inngest.
      const attempts = (step.completedSteps > 0 ? 0 : run.attempts) + 1;
      if (!(failure instanceof NonRetriableError) && attempts <= definition.retries) {
        const runAfter = new Date(Date.now() + retryDelayMs(failure, attempts, options.backoff));
        await settleJobRun({ runId: run.id, workerId: options.workerId, status: "QUEUED", attempts, runAfter, error: messageOf(failure) });
        return;
      }
    }
    await runFailureHandler(run, job, failure, memo, options);
  } finally {
    clearInterval(renewal);
  }
}

async function runFailureHandler(run: ClaimedJobRun, job: JobFunction, failure: unknown, memo: Map<string, unknown>, options: ExecuteOptions): Promise<void> {
  const errorMessage = messageOf(failure);
  const exhaustedAttempts = job.definition.retries + 1;
  try {
    const step = new EmbeddedStepTools(run.id, options.workerId, memo, options.functions, FAILURE_STEP_PREFIX);
    await job.definition.onFailure?.({ event: { name: run.eventName, data: run.eventData }, errorMessage, step, runId: run.id });
  } catch (error) {
    if (error instanceof LockLostError) return;
    // Try the failure handler again later; the handler itself is not re-run (attempts stays exhausted).
    const runAfter = new Date(Date.now() + retryDelayMs(error, 1, options.backoff));
    await settleJobRun({ runId: run.id, workerId: options.workerId, status: "QUEUED", attempts: exhaustedAttempts, runAfter, error: errorMessage });
    return;
  }
  await settleJobRun({ runId: run.id, workerId: options.workerId, status: "FAILED", attempts: exhaustedAttempts, error: errorMessage });
}
