import { NonRetriableError } from "inngest";
import type { ProviderSource } from "@/lib/iam/identity-provider";
import { failSyncRun } from "@/lib/directory/fail-sync-run";
import { finishSyncRun, finishSyncRunResultSchema } from "@/lib/directory/finish-sync-run";
import { startSyncRun, startSyncRunResultSchema } from "@/lib/directory/start-sync-run";
import { DIRECTORY_SYNC_REQUESTED, directorySyncRequestedSchema } from "@/lib/directory/sync-event";
import { syncPages, syncPagesResultSchema } from "@/lib/directory/sync-pages";
import { withSyncStepErrors } from "@/lib/jobs/to-job-step-error";
import { defineJob, type JobFunction } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";

/**
 * One directory sync run: start → pages (each step pipelines up to PAGES_PER_STEP pages and checkpoints in the
 * SyncRun row) → finish (deactivate the unseen after a complete FULL pass, keep the delta link, SUCCEEDED).
 * Step ids are deterministic (`pages-0`, `pages-1`, ...) so a resumed run replays memoised steps. `providers`
 * gives each step the connection's adapter.
 */
export const createDirectorySyncJob = (providers: ProviderSource): JobFunction => defineJob({
  id: "directory-sync",
  trigger: { event: DIRECTORY_SYNC_REQUESTED },
  concurrencyKey: "event.data.connectionId",
  retries: 6,
  async handler({ event, step }) {
    const payload = directorySyncRequestedSchema.safeParse(event.data);
    if (!payload.success) throw new NonRetriableError("The directory sync event is malformed.");
    const { syncRunId } = payload.data;

    const start = await runStep(step, "start-run", startSyncRunResultSchema, () => withSyncStepErrors(() => startSyncRun(syncRunId)));
    if (start.status !== "RUNNING") return { syncRunId, status: start.status };

    for (let index = 0; ; index += 1) {
      const chunk = await runStep(step, `pages-${index}`, syncPagesResultSchema, () => withSyncStepErrors(() => syncPages({ syncRunId }, providers)));
      if (chunk.outcome === "stopped") return { syncRunId, status: "STOPPED" };
      if (chunk.outcome === "complete") break;
      if (chunk.retryAfterMs !== null) await step.sleep(`throttled-${index}`, chunk.retryAfterMs);
    }

    const finished = await runStep(step, "finish-run", finishSyncRunResultSchema, () => withSyncStepErrors(() => finishSyncRun(syncRunId)));
    return { syncRunId, ...finished };
  },
  async onFailure({ event, errorMessage, step }) {
    const payload = directorySyncRequestedSchema.safeParse(event.data);
    if (!payload.success) return;
    await step.run("mark-failed", () => failSyncRun(payload.data.syncRunId, errorMessage));
  },
});
