import type { SyncRun } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";

export type SyncRunProgress = Pick<
  SyncRun,
  "id" | "trigger" | "mode" | "status" | "pages" | "seen" | "created" | "updated" | "deactivated" | "expectedTotal" | "error" | "queuedAt" | "startedAt" | "finishedAt" | "durationMs"
> & {
  /** 0..1 for the progress bar: seen / expectedTotal while running (when the provider tells the total), 1 when done. */
  fraction: number | null;
};

export type SyncProgress = {
  /** The queued or running run, if any ("Sync now" is disabled meanwhile). */
  active: SyncRunProgress | null;
  /** Latest runs first, the active one included. */
  runs: SyncRunProgress[];
};

function fractionOf(run: Pick<SyncRun, "status" | "seen" | "expectedTotal">): number | null {
  if (run.status === "SUCCEEDED") return 1;
  if (run.status === "QUEUED") return 0;
  if (run.status !== "RUNNING" || !run.expectedTotal) return null;
  // The total is the provider's estimate: never show a running sync as finished.
  return Math.min(0.99, run.seen / run.expectedTotal);
}

/** What the console polls while a sync runs: the latest runs of a connection with their counts and progress. */
export async function getSyncProgress(input: { connectionId: string; limit?: number }): Promise<SyncProgress> {
  const rows = await db().syncRun.findMany({
    where: { connectionId: input.connectionId },
    orderBy: { queuedAt: "desc" },
    take: Math.min(Math.max(input.limit ?? 10, 1), 100),
    select: {
      id: true, trigger: true, mode: true, status: true, pages: true, seen: true, created: true, updated: true, deactivated: true,
      expectedTotal: true, error: true, queuedAt: true, startedAt: true, finishedAt: true, durationMs: true,
    },
  });
  const runs = rows.map((row) => ({ ...row, fraction: fractionOf(row) }));
  return { active: runs.find((run) => run.status === "QUEUED" || run.status === "RUNNING") ?? null, runs };
}
