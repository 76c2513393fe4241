import type { SyncTrigger } from "@/lib/db/generated/client";
import { createQueuedSyncRun, type QueuedSyncRun } from "@/lib/directory/create-queued-sync-run";
import { forwardJobEvents } from "@/lib/events/forward-job-events";

/**
 * Starts a directory sync ("Sync now", the schedule, a connection that just became ACTIVE): creates the QUEUED
 * SyncRun together with the event the sync function runs on, then hands the event to the job runtime. When a
 * run is already queued or running for the connection, returns that one (`created: false`) instead of failing.
 * A job service that does not accept the event now gets it later (the event stays recorded and is retried).
 */
export async function requestDirectorySync(input: { connectionId: string; trigger: SyncTrigger; requestedById?: string | null }): Promise<QueuedSyncRun> {
  const queued = await createQueuedSyncRun(input);
  if (queued.created) await forwardJobEvents();
  return queued;
}
