import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import type { RequestContext } from "@/lib/http/request-context";

/**
 * After a connection first becomes ACTIVE: queue its first directory sync. The sync is requested after the
 * activating transaction committed, so a failure to queue never undoes the activation (the admin can press
 * "Sync now"; the schedule also picks it up).
 */
export async function startFirstSync(connectionId: string, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<void> {
  const queued = await requestDirectorySync({ connectionId, trigger: "CONNECTION_ACTIVATED", requestedById: actor.id });
  await recordAuditEvent(db(), {
    actor: consoleUserActor(actor),
    action: "directory.sync_requested",
    target: { type: "iam_connection", id: connectionId },
    request,
    details: { trigger: "CONNECTION_ACTIVATED", syncRunId: queued.run.id },
  });
}
