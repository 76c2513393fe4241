import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { ProviderSource } from "@/lib/iam/identity-provider";
import { restartAsFullPass } from "@/lib/directory/restart-as-full-pass";
import { parseSyncCursor, serialiseSyncCursor, type SyncCursor } from "@/lib/directory/sync-cursor";
import { type PageWrite, writeMembersPage } from "@/lib/directory/write-members-page";
import { type FetchMembersRequest, type MembersPage, ProviderError } from "@/lib/iam/identity-provider";

/** One step's share of a pass: long enough to amortise step overhead, short enough for serverless limits. */
export const PAGES_PER_STEP = 100;
export const STEP_BUDGET_MS = 15_000;
/**
 * Pages being written at once: two upserting (PostgreSQL runs each statement on one core; the upsert, not the
 * fetch, is the slow part at low latency) while the oldest moves the cursor and commits.
 */
const WRITES_IN_FLIGHT = 3;

export const syncPagesResultSchema = z.object({
  /** `complete`: the pass is done; `more`: call again; `stopped`: the run ended elsewhere (failed, deleted). */
  outcome: z.enum(["complete", "more", "stopped"]),
  /** Set when the provider throttled after this step had made progress: wait this long before the next step. */
  retryAfterMs: z.number().int().nonnegative().nullable(),
});
export type SyncPagesResult = z.infer<typeof syncPagesResultSchema>;

function cursorAfter(page: MembersPage): SyncCursor {
  return page.nextCursor === null ? { next: null, complete: true, deltaLink: page.deltaLink } : { next: page.nextCursor, complete: false, deltaLink: null };
}

/**
 * Fetches and writes pages from the run's stored cursor on, pipelined: page N+1 is requested before page N is
 * written, and up to WRITES_IN_FLIGHT pages are written at once (their cursor updates still in order), so writing
 * hides behind the provider's latency. Progress lives in the SyncRun row (each page and its cursor commit
 * together), so a retried or resumed step continues after the last page written. `providers` gives the
 * connection's adapter (lib/connections' factory in the job; an in-memory directory in tests).
 */
export async function syncPages(input: { syncRunId: string; maxPages?: number; budgetMs?: number }, providers: ProviderSource): Promise<SyncPagesResult> {
  const maxPages = input.maxPages ?? PAGES_PER_STEP;
  const deadline = Date.now() + (input.budgetMs ?? STEP_BUDGET_MS);
  const run = await db().syncRun.findUnique({ where: { id: input.syncRunId }, select: { status: true, mode: true, cursor: true, connectionId: true, connection: { select: { deltaLink: true } } } });
  if (!run || run.status !== "RUNNING") return { outcome: "stopped", retryAfterMs: null };
  let storedCursor = run.cursor;
  let cursor = parseSyncCursor(storedCursor);
  if (cursor.complete) return { outcome: "complete", retryAfterMs: null };

  const deltaLink = run.connection.deltaLink;
  // An incremental run with nothing to start from (the link was dropped meanwhile) becomes a full pass.
  if (run.mode === "DELTA" && deltaLink === null) return startOverAsFullPass({ syncRunId: input.syncRunId, connectionId: run.connectionId, storedCursor });
  const request = (next: string | null): FetchMembersRequest =>
    run.mode === "DELTA" && deltaLink !== null ? { mode: "delta", cursor: next, deltaLink } : { mode: "full", cursor: next };

  const provider = await providers(run.connectionId);
  let fetching = provider.fetchMembersPage(request(cursor.next));
  const writes: Promise<void>[] = [];
  let previous: PageWrite | null = null;
  let committedPages = 0;
  for (let fetched = 1; ; fetched += 1) {
    let page: MembersPage;
    try {
      page = await fetching;
    } catch (error) {
      await Promise.allSettled(writes);
      await Promise.all(writes);
      // The provider can no longer continue from the stored position: the same run starts over as a full pass.
      if (run.mode === "DELTA" && error instanceof ProviderError && error.options.problem === "delta_expired") {
        return startOverAsFullPass({ syncRunId: input.syncRunId, connectionId: run.connectionId, storedCursor });
      }
      // Keep what this step achieved: end it normally and let the job wait before the next one.
      if (committedPages > 0 && error instanceof ProviderError && error.options.retryable) return { outcome: "more", retryAfterMs: error.options.retryAfterMs ?? 1000 };
      throw error;
    }
    const after = cursorAfter(page);
    const keepGoing = !after.complete && fetched < maxPages && Date.now() < deadline;
    if (keepGoing) {
      fetching = provider.fetchMembersPage(request(after.next));
      // Awaited on the next turn; this only keeps a failure during the writes below from going unhandled.
      fetching.catch(() => undefined);
    }
    const afterStored = serialiseSyncCursor(after);
    const write: PageWrite = writeMembersPage({ syncRunId: input.syncRunId, connectionId: run.connectionId, storedCursor, afterStored, page, after: previous?.positioned });
    const committed = write.committed.then(() => {
      committedPages += 1;
    });
    committed.catch(() => undefined);
    writes.push(committed);
    previous = write;
    storedCursor = afterStored;
    cursor = after;
    if (writes.length >= WRITES_IN_FLIGHT) await settleOldest(writes);
    if (!keepGoing) {
      await Promise.allSettled(writes);
      await Promise.all(writes);
      return { outcome: cursor.complete ? "complete" : "more", retryAfterMs: null };
    }
  }
}

/** Restarts the run as a FULL pass (restart-as-full-pass.ts); the next step begins it from the first page. */
async function startOverAsFullPass(input: { syncRunId: string; connectionId: string; storedCursor: string | null }): Promise<SyncPagesResult> {
  await restartAsFullPass(input);
  return { outcome: "more", retryAfterMs: null };
}

/** Waits for the oldest write; on failure, lets the others settle first (they fail too) so nothing runs on. */
async function settleOldest(writes: Promise<void>[]): Promise<void> {
  const oldest = writes.shift();
  try {
    await oldest;
  } catch (error) {
    await Promise.allSettled(writes);
    throw error;
  }
}
