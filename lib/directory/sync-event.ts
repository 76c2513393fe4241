import { z } from "zod";

/** Event that starts one directory sync run (the SyncRun row exists, QUEUED, before it is sent). */
export const DIRECTORY_SYNC_REQUESTED = "directory/sync.requested";

export const directorySyncRequestedSchema = z.object({
  connectionId: z.uuid(),
  syncRunId: z.uuid(),
});
export type DirectorySyncRequested = z.infer<typeof directorySyncRequestedSchema>;

/** Its id is the run's, so a resent event (forwarding is at least once) starts no second execution. */
export function directorySyncRequestedEvent(data: DirectorySyncRequested): { id: string; name: typeof DIRECTORY_SYNC_REQUESTED; data: DirectorySyncRequested } {
  return { id: `directory-sync:${data.syncRunId}`, name: DIRECTORY_SYNC_REQUESTED, data };
}
