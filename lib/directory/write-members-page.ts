import { withBulkWriteTransaction } from "@/lib/db/bulk-write-pool";
import { deactivateRemovedEmployees, upsertEmployees } from "@/lib/directory/upsert-employees";
import type { MembersPage } from "@/lib/iam/identity-provider";

/** The run's cursor moved on under us: another worker (one that kept going after losing its lock) wrote this page. */
export class SyncSupersededError extends Error {
  constructor() {
    super("The sync run's position changed while this page was written; the page was not applied twice.");
    this.name = "SyncSupersededError";
  }
}

export type PageWrite = {
  /** Resolves once this page's cursor update holds the SyncRun row (the next page may queue behind it). */
  positioned: Promise<void>;
  /** Resolves when the page is committed. */
  committed: Promise<void>;
};

/**
 * Applies one page and advances the run's cursor in one transaction, guarded by the cursor the page was fetched
 * at: a page is applied exactly once however often a step is retried or resumed, and the live counters the
 * console shows stay exact. Pages may be written two at a time: a page's rows are upserted while the previous
 * page commits, and its cursor update waits (`after`) for the previous one, then queues behind its row lock, so
 * cursors still advance strictly in order; if the previous page fails, so does this one.
 */
export function writeMembersPage(input: {
  syncRunId: string;
  connectionId: string;
  storedCursor: string | null;
  /** The serialised cursor after this page (see sync-cursor.ts). */
  afterStored: string;
  page: MembersPage;
  /** The previous page's `positioned`, when it is still being written. */
  after?: Promise<void>;
}): PageWrite {
  let markPositioned: () => void = () => undefined;
  let failPositioned: (error: unknown) => void = () => undefined;
  const positioned = new Promise<void>((resolve, reject) => {
    markPositioned = resolve;
    failPositioned = reject;
  });
  positioned.catch(() => undefined);
  const now = new Date();
  // Its own pg connection, not Prisma's: a page is ~400 KB of parameters (see lib/db/bulk-write-pool.ts).
  const committed = withBulkWriteTransaction(
    async (client) => {
      // asyncCommit: the commit need not wait for its WAL flush (one fsync per page on the critical path): rows and
      // its cursor commit together, so a database crash can only lose whole trailing pages, which the resumed run
      // fetches again from the cursor that survived. finishSyncRun, the only step that deactivates, commits
      // synchronously (flushing every earlier WAL record) and refuses a cursor that is not complete.
      const counts = await upsertEmployees(client, { connectionId: input.connectionId, syncRunId: input.syncRunId, employees: input.page.employees, now });
      const deactivated = await deactivateRemovedEmployees(client, { connectionId: input.connectionId, externalIds: input.page.removedExternalIds, now });
      await input.after;
      // Queue behind the previous page's row lock; once it committed, this statement's fresh snapshot (READ
      // COMMITTED) sees the cursor that page wrote. An UPDATE alone would skip the row: its cursor filter is
      // checked against the version visible when the statement started.
      await client.query(`SELECT 1 FROM "sync_run" WHERE "id" = $1::uuid FOR UPDATE`, [input.syncRunId]);
      const advanced = await client.query(
        `UPDATE "sync_run" SET "cursor" = $2, "pages" = "pages" + 1, "seen" = "seen" + $3::int, "created" = "created" + $4::int,
           "updated" = "updated" + $5::int, "deactivated" = "deactivated" + $6::int, "expectedTotal" = COALESCE($7::int, "expectedTotal")
         WHERE "id" = $1::uuid AND "status" = 'RUNNING' AND "cursor" IS NOT DISTINCT FROM $8::text`,
        [input.syncRunId, input.afterStored, input.page.employees.length, counts.created, counts.updated, deactivated, input.page.expectedTotal, input.storedCursor],
      );
      if (advanced.rowCount !== 1) throw new SyncSupersededError();
      markPositioned();
    },
    { timeoutMs: 60_000, asyncCommit: true },
  ).catch((error: unknown) => {
    failPositioned(error);
    throw error;
  });
  return { positioned, committed };
}
