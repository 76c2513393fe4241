/**
 * Test-only: a separate process running the embedded job runner on the database named by DATABASE_URL, so a
 * test can kill it with SIGKILL mid-run (no shutdown code runs, its lock simply stops being renewed).
 * Started with `node --conditions=react-server --import tsx` because the job code imports `server-only`.
 */
import { startEmbeddedJobRunner } from "@/lib/jobs/embedded-runner";

startEmbeddedJobRunner({ workerId: "child-process", lockMs: Number(process.env.RUNNER_LOCK_MS ?? 1000), pollIntervalMs: 50, concurrency: 1 });
process.stdout.write("runner started\n");
