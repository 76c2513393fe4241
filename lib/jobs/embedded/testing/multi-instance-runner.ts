/**
 * Test-only: one app instance's embedded job runner in a process of its own, on the database named by
 * DATABASE_URL, executing the test functions of multi-instance-jobs.ts. The test starts two of these and may
 * SIGKILL one (no shutdown code runs; its locks simply stop being renewed).
 * Started with `node --conditions=react-server --import tsx` because the job code imports `server-only`.
 *
 * The scheduler's clock reads SCHEDULER_BASE_MS (the same for both processes, so they agree on every slot) until
 * the test writes `start <epoch ms>` on stdin, once both processes are up (they take seconds to load); from that
 * epoch it runs SCHEDULER_SPEED times faster than the wall clock for SCHEDULER_WINDOW_MS, then stands still:
 * many cron slots pass in a few seconds, and none outside the window.
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import { startEmbeddedJobRunner } from "@/lib/jobs/embedded-runner";
import { multiInstanceJobs } from "@/lib/jobs/embedded/testing/multi-instance-jobs";

const count = z.coerce.number().int().positive();
const env = z
  .object({
    INSTANCE_NAME: z.string().regex(/^[a-z0-9-]+$/),
    RUNNER_LOCK_MS: count,
    RUNNER_POLL_MS: count,
    RUNNER_CONCURRENCY: count,
    SCHEDULER_BASE_MS: count,
    SCHEDULER_SPEED: count,
    SCHEDULER_WINDOW_MS: count,
  })
  .parse(process.env);

const startLineSchema = z
  .string()
  .regex(/^start \d+$/)
  .transform((line) => Number(line.slice("start ".length)));
let epochMs: number | null = null;
createInterface({ input: process.stdin }).on("line", (line) => {
  epochMs = startLineSchema.parse(line.trim());
});

function schedulerClock(): Date {
  const elapsed = epochMs === null ? 0 : Math.max(0, Math.min(Date.now() - epochMs, env.SCHEDULER_WINDOW_MS));
  return new Date(env.SCHEDULER_BASE_MS + elapsed * env.SCHEDULER_SPEED);
}

startEmbeddedJobRunner({
  workerId: `${env.INSTANCE_NAME}-${process.pid}`,
  functions: multiInstanceJobs(env.INSTANCE_NAME),
  lockMs: env.RUNNER_LOCK_MS,
  pollIntervalMs: env.RUNNER_POLL_MS,
  concurrency: env.RUNNER_CONCURRENCY,
  schedulerClock,
});
process.stdout.write(`runner ${env.INSTANCE_NAME} started\n`);
