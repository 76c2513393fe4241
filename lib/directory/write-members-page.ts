import { db } from "@/lib/db/prisma";
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
  const committed = db()
    .$transaction(
      async (tx) => {
        // The commit need not wait for its WAL flush (one fsync per page on the critical path): a page's rows and
        // its cursor commit together, so a database crash can only lose whole trailing pages, which the resumed run
        // fetches again from the cursor that survived. finishSyncRun, the only step that deactivates, commits
        // synchronously (flushing every earlier WAL record) and refuses a cursor that is not complete.
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
        const counts = await upsertEmployees(tx, { connectionId: input.connectionId, syncRunId: input.syncRunId, employees: input.page.employees, now });
        const deactivated = await deactivateRemovedEmployees(tx, { connectionId: input.connectionId, externalIds: input.page.removedExternalIds, now });
        await input.after;
        // Queue behind the previous page's row lock; once it committed, this statement's fresh snapshot (READ
        // COMMITTED) sees the cursor that page wrote. An UPDATE alone would skip the row: its cursor filter is
        // checked against the version visible when the statement started.
        await tx.$queryRaw`SELECT 1 FROM "sync_run" WHERE "id" = ${input.syncRunId}::uuid FOR UPDATE`;
        const advanced = await tx.$executeRaw`
          UPDATE "sync_run" SET "cursor" = ${input.afterStored}, "pages" = "pages" + 1,
            "seen" = "seen" + ${input.page.employees.length}, "created" = "created" + ${counts.created},
            "updated" = "updated" + ${counts.updated}, "deactivated" = "deactivated" + ${deactivated},
            "expectedTotal" = COALESCE(${input.page.expectedTotal}::int, "expectedTotal")
          WHERE "id" = ${input.syncRunId}::uuid AND "status" = 'RUNNING' AND "cursor" IS NOT DISTINCT FROM ${input.storedCursor}::text`;
        if (advanced !== 1) throw new SyncSupersededError();
        markPositioned();
      },
      { timeout: 60_000, maxWait: 30_000 },
    )
    .catch((error: unknown) => {
      failPositioned(error);
      throw error;
    });
  return { positioned, committed };
}
