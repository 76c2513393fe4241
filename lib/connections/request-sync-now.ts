import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/** "Sync now": queues a run for the active connection, or returns the one already queued or running. */
export async function requestSyncNow(actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<{ syncRunId: string; alreadyRunning: boolean }> {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, status: true } });
  if (!connection || connection.status !== "ACTIVE") throw new AppError("conflict", "Connect and activate an identity provider first.");
  const queued = await requestDirectorySync({ connectionId: connection.id, trigger: "MANUAL", requestedById: actor.id });
  if (queued.created) {
    await recordAuditEvent(db(), {
      actor: consoleUserActor(actor),
      action: "directory.sync_requested",
      target: { type: "iam_connection", id: connection.id },
      request,
      details: { trigger: "MANUAL", syncRunId: queued.run.id },
    });
  }
  return { syncRunId: queued.run.id, alreadyRunning: !queued.created };
}
