import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/**
 * Deletes the connection with its sealed credentials, synced employees and sync history, so the admin can start
 * over. The expected id guards against deleting a connection someone else replaced meanwhile.
 */
export async function deleteIamConnection(
  input: { connectionId: string },
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const connection = await tx.iamConnection.findUnique({ where: { id: input.connectionId }, select: { id: true, provider: true, groupId: true } });
    if (!connection) throw new AppError("not_found", "That connection no longer exists.");
    await tx.iamConnection.delete({ where: { id: connection.id } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "iam.connection_deleted",
      target: { type: "iam_connection", id: connection.id },
      request,
      details: { provider: connection.provider, groupId: connection.groupId },
    });
  });
}
