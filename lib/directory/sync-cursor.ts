import { z } from "zod";

/**
 * What SyncRun.cursor holds: the position of the pass, written in the same transaction as the page it follows,
 * so a resumed run continues exactly after the last page written (never re-counting, never skipping).
 * `next` is the provider's opaque cursor of the next page; `complete` is set with the last page, together with
 * the delta link that page returned (kept here until the run succeeds, then moved to the connection).
 */
export const syncCursorSchema = z.object({
  next: z.string().nullable(),
  complete: z.boolean(),
  deltaLink: z.string().nullable(),
});
export type SyncCursor = z.infer<typeof syncCursorSchema>;

export const INITIAL_SYNC_CURSOR: SyncCursor = { next: null, complete: false, deltaLink: null };

export function parseSyncCursor(stored: string | null): SyncCursor {
  if (stored === null) return INITIAL_SYNC_CURSOR;
  return syncCursorSchema.parse(JSON.parse(stored));
}

export function serialiseSyncCursor(cursor: SyncCursor): string {
  return JSON.stringify(syncCursorSchema.parse(cursor));
}
