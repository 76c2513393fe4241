import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { IdvClientIdInput } from "@/lib/idv/clients/idv-client-schemas";

/**
 * Revokes a client for good, with its audit event in one transaction: its credentials stop working, and every
 * authorization it still has open is spent (request URIs and codes marked used), so a request pushed before the
 * revoke cannot finish after it. There is no way back: a new client gets new credentials.
 */
export async function revokeIdvClient(
  input: IdvClientIdInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const now = new Date();
    // Only an active client matches, so two revokes at once cannot both succeed (the second waits, then matches nothing).
    const revoked = await tx.idvClient.updateMany({ where: { id: input.id, revokedAt: null }, data: { revokedAt: now } });
    const client = await tx.idvClient.findUnique({ where: { id: input.id }, select: { clientId: true, name: true } });
    if (!client) throw new AppError("not_found", "That client no longer exists.");
    if (revoked.count === 0) throw new AppError("conflict", "This client is already revoked.");

    const pendingAuthorizations = await tx.idvAuthorization.count({ where: { clientId: input.id, OR: [{ requestUriUsedAt: null }, { codeUsedAt: null }] } });
    await tx.idvAuthorization.updateMany({ where: { clientId: input.id, requestUriUsedAt: null }, data: { requestUriUsedAt: now } });
    await tx.idvAuthorization.updateMany({ where: { clientId: input.id, codeUsedAt: null }, data: { codeUsedAt: now } });

    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "idv_client.revoked",
      target: { type: "idv_client", id: input.id, label: client.name },
      request,
      details: { clientId: client.clientId, pendingAuthorizationsClosed: pendingAuthorizations },
    });
  });
}
