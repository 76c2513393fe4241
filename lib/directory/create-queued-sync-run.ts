import { Prisma, type SyncRun, type SyncTrigger } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { directorySyncRequestedEvent } from "@/lib/directory/sync-event";
import { AppError } from "@/lib/errors";
import { recordJobEvents } from "@/lib/events/record-job-event";

export type QueuedSyncRun = { run: SyncRun; created: boolean };

/**
 * A run still QUEUED after this long was never picked up (e.g. the process stopped between creating the run and
 * queuing its job): it is failed so that it cannot block every later sync of the connection.
 */
export const STALE_QUEUED_RUN_MS = 10 * 60 * 1000;

/**
 * Incremental passes miss what the provider's delta does not report (Entra: leaving a nested group), so a full
 * pass runs at least this often even when a delta link exists.
 */
export const FULL_PASS_INTERVAL_MS = 24 * 60 * 60 * 1000;

async function chooseMode(connectionId: string, deltaLink: string | null): Promise<"FULL" | "DELTA"> {
  if (deltaLink === null) return "FULL";
  const lastFull = await db().syncRun.findFirst({ where: { connectionId, mode: "FULL", status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } });
  const fullIsRecent = lastFull?.finishedAt && Date.now() - lastFull.finishedAt.getTime() < FULL_PASS_INTERVAL_MS;
  return fullIsRecent ? "DELTA" : "FULL";
}

/**
 * Creates the QUEUED SyncRun of a new sync, or returns the run already queued or running for the connection:
 * the partial unique index `sync_run_one_active_per_connection` is the arbiter, so two instances (or a "Sync
 * now" racing the schedule) can never start two runs. Incremental (DELTA) once a full pass stored a delta link,
 * with a full pass at least daily. The run's job event is written in the same transaction (forward it with
 * `forwardJobEvents()` after this returns): a run never exists without the event that executes it.
 */
export async function createQueuedSyncRun(input: { connectionId: string; trigger: SyncTrigger; requestedById?: string | null }): Promise<QueuedSyncRun> {
  const connection = await db().iamConnection.findUnique({ where: { id: input.connectionId }, select: { status: true, deltaLink: true } });
  if (!connection) throw new AppError("not_found", "The identity provider connection does not exist.");
  if (connection.status !== "ACTIVE") throw new AppError("conflict", "The identity provider connection is not active yet: finish connecting it first.");

  try {
    const mode = await chooseMode(input.connectionId, connection.deltaLink);
    const run = await db().$transaction(async (tx) => {
      const created = await tx.syncRun.create({ data: { connectionId: input.connectionId, trigger: input.trigger, mode, requestedById: input.requestedById ?? null } });
      await recordJobEvents(tx, directorySyncRequestedEvent({ connectionId: input.connectionId, syncRunId: created.id }));
      return created;
    });
    return { run, created: true };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  const active = await db().syncRun.findFirst({ where: { connectionId: input.connectionId, status: { in: ["QUEUED", "RUNNING"] } } });
  // The active run may have finished between the refused insert and this read: try once more.
  if (!active) return createQueuedSyncRun(input);
  if (active.status === "QUEUED" && Date.now() - active.queuedAt.getTime() > STALE_QUEUED_RUN_MS) {
    const failed = await db().syncRun.updateMany({
      where: { id: active.id, status: "QUEUED" },
      data: { status: "FAILED", error: "This sync was never started (the service stopped before queuing it); a new one was started.", finishedAt: new Date() },
    });
    if (failed.count === 1) return createQueuedSyncRun(input);
  }
  return { run: active, created: false };
}
