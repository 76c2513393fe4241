import { z } from "zod";
import { createQueuedSyncRun } from "@/lib/directory/create-queued-sync-run";
import { findConnectionsDueForSync } from "@/lib/directory/find-connections-due-for-sync";
import { directorySyncRequestedEvent } from "@/lib/directory/sync-event";
import { defineJob } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";

const queuedRunsSchema = z.array(z.object({ connectionId: z.uuid(), syncRunId: z.uuid() }));

/**
 * Every 5 minutes: queues a SCHEDULE run for each ACTIVE connection whose sync interval (default hourly) has
 * passed, and sends their events. Queuing and sending are separate steps, so a crash between them sends the
 * events on resume instead of leaving runs queued forever.
 */
export const directorySyncSchedule = defineJob({
  id: "directory-sync-schedule",
  trigger: { cron: "*/5 * * * *" },
  retries: 2,
  async handler({ step }) {
    const queued = await runStep(step, "queue-due-runs", queuedRunsSchema, async () => {
      const runs = [];
      for (const connectionId of await findConnectionsDueForSync()) {
        const { run, created } = await createQueuedSyncRun({ connectionId, trigger: "SCHEDULE" });
        if (created) runs.push({ connectionId, syncRunId: run.id });
      }
      return runs;
    });
    if (queued.length > 0) await step.sendEvent("send-sync-events", queued.map((run) => directorySyncRequestedEvent(run)));
    return { queued: queued.length };
  },
});
