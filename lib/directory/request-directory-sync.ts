import type { SyncTrigger } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { createQueuedSyncRun, type QueuedSyncRun } from "@/lib/directory/create-queued-sync-run";
import { directorySyncRequestedEvent } from "@/lib/directory/sync-event";
import { sendEvent } from "@/lib/jobs/send-event";

/**
 * Starts a directory sync ("Sync now", the schedule, a connection that just became ACTIVE): creates the QUEUED
 * SyncRun and sends the event the sync function runs on. When a run is already queued or running for the
 * connection, returns that one (`created: false`) instead of failing.
 */
export async function requestDirectorySync(input: { connectionId: string; trigger: SyncTrigger; requestedById?: string | null }): Promise<QueuedSyncRun> {
  const queued = await createQueuedSyncRun(input);
  if (!queued.created) return queued;
  try {
    await sendEvent(directorySyncRequestedEvent({ connectionId: input.connectionId, syncRunId: queued.run.id }));
  } catch (error) {
    // A QUEUED run nobody will execute would block every later sync of the connection.
    await db().syncRun.update({
      where: { id: queued.run.id },
      data: { status: "FAILED", error: "The sync could not be queued (the job service did not accept it); try again.", finishedAt: new Date() },
    });
    throw error;
  }
  return queued;
}
