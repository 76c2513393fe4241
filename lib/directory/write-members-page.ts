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

/**
 * Applies one page and advances the run's cursor in one transaction, guarded by the cursor the page was fetched
 * at: a page is applied exactly once however often a step is retried or resumed, and the live counters the
 * console shows stay exact.
 */
export async function writeMembersPage(input: {
  syncRunId: string;
  connectionId: string;
  storedCursor: string | null;
  /** The serialised cursor after this page (see sync-cursor.ts). */
  afterStored: string;
  page: MembersPage;
}): Promise<void> {
  const now = new Date();
  await db().$transaction(
    async (tx) => {
      const counts = await upsertEmployees(tx, { connectionId: input.connectionId, syncRunId: input.syncRunId, employees: input.page.employees, now });
      const deactivated = await deactivateRemovedEmployees(tx, { connectionId: input.connectionId, externalIds: input.page.removedExternalIds, now });
      const advanced = await tx.syncRun.updateMany({
        where: { id: input.syncRunId, status: "RUNNING", cursor: input.storedCursor },
        data: {
          cursor: input.afterStored,
          pages: { increment: 1 },
          seen: { increment: input.page.employees.length },
          created: { increment: counts.created },
          updated: { increment: counts.updated },
          deactivated: { increment: deactivated },
          ...(input.page.expectedTotal !== null ? { expectedTotal: input.page.expectedTotal } : {}),
        },
      });
      if (advanced.count !== 1) throw new SyncSupersededError();
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
