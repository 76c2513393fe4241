import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { parseSyncCursor } from "@/lib/directory/sync-cursor";

export const finishSyncRunResultSchema = z.object({
  status: z.enum(["SUCCEEDED", "FAILED", "MISSING"]),
  deactivated: z.number().int(),
});

/**
 * Completes a run in one transaction: after a complete FULL pass, employees of the connection this run did not
 * see become INACTIVE; the delta link of the pass is kept for the next (incremental) run; the run SUCCEEDS.
 * Refuses to run on an incomplete pass, so a failed or partial run never deactivates anyone.
 */
export async function finishSyncRun(syncRunId: string): Promise<z.infer<typeof finishSyncRunResultSchema>> {
  return db().$transaction(
    async (tx) => {
      const run = await tx.syncRun.findUnique({ where: { id: syncRunId } });
      if (!run) return { status: "MISSING" as const, deactivated: 0 };
      if (run.status === "SUCCEEDED" || run.status === "FAILED") return { status: run.status, deactivated: run.deactivated };
      const cursor = parseSyncCursor(run.cursor);
      if (run.status !== "RUNNING" || !cursor.complete) throw new Error("The sync pass is not complete; nothing is deactivated.");

      const finishedAt = new Date();
      let deactivated = 0;
      if (run.mode === "FULL") {
        deactivated = await tx.$executeRaw`
          UPDATE "employee" SET "membership" = 'INACTIVE', "updatedAt" = ${finishedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
          WHERE "connectionId" = ${run.connectionId}::uuid AND "membership" = 'ACTIVE'
            AND "lastSeenSyncRunId" IS DISTINCT FROM ${run.id}::uuid`;
      }
      await tx.syncRun.update({
        where: { id: run.id },
        data: {
          status: "SUCCEEDED",
          deactivated: { increment: deactivated },
          finishedAt,
          durationMs: finishedAt.getTime() - (run.startedAt ?? run.queuedAt).getTime(),
        },
      });
      await tx.iamConnection.update({
        where: { id: run.connectionId },
        // A full pass replaces the link (null for providers without delta); an incremental one moves it on.
        data: { lastSyncedAt: finishedAt, ...(run.mode === "FULL" || cursor.deltaLink !== null ? { deltaLink: cursor.deltaLink } : {}) },
      });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM", label: "directory sync" },
        action: "directory.sync_completed",
        target: { type: "iam_connection", id: run.connectionId },
        details: { syncRunId: run.id, mode: run.mode, trigger: run.trigger, seen: run.seen, created: run.created, updated: run.updated, deactivated: run.deactivated + deactivated },
      });
      return { status: "SUCCEEDED" as const, deactivated };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
