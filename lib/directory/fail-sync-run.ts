import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { queueSyncFailedWebhook } from "@/lib/webhooks/queue-domain-webhooks";

const MAX_ERROR_LENGTH = 1000;

/**
 * Ends a run as FAILED with a readable reason. Employees keep what the failed pass already wrote (updates are
 * never rolled back) but nobody is deactivated: that only happens when a complete pass finishes. An incremental
 * run that failed drops the delta link, so the next run does a full pass (a stale link would fail forever).
 */
export async function failSyncRun(syncRunId: string, reason: string): Promise<void> {
  const finishedAt = new Date();
  await db().$transaction(async (tx) => {
    const run = await tx.syncRun.findUnique({ where: { id: syncRunId }, select: { status: true, mode: true, connectionId: true, startedAt: true, queuedAt: true } });
    if (!run || run.status === "SUCCEEDED" || run.status === "FAILED") return;
    await tx.syncRun.update({
      where: { id: syncRunId },
      data: { status: "FAILED", error: reason.slice(0, MAX_ERROR_LENGTH), finishedAt, durationMs: finishedAt.getTime() - (run.startedAt ?? run.queuedAt).getTime() },
    });
    await queueSyncFailedWebhook(tx, { id: syncRunId, connectionId: run.connectionId, mode: run.mode, finishedAt });
    if (run.mode === "DELTA") await tx.iamConnection.update({ where: { id: run.connectionId }, data: { deltaLink: null } });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "directory sync" },
      action: "directory.sync_failed",
      target: { type: "iam_connection", id: run.connectionId },
      details: { syncRunId, mode: run.mode, error: reason.slice(0, 300) },
    });
  });
  await forwardJobEvents();
}
