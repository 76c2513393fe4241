import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { redirectUriHosts, type UpdateIdvClientInput } from "@/lib/idv/clients/idv-client-schemas";

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Changes a client's name, redirect URIs and allowed claims, with its audit event in one transaction. The row
 * is locked first, so a revoke running at the same time either happens before (and this is refused) or after.
 * Nothing changed means nothing written. Revoked clients stay as they were: register a new one instead.
 */
export async function updateIdvClient(
  input: UpdateIdvClientInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM idv_client WHERE id = ${input.id}::uuid FOR UPDATE`;
    const current = await tx.idvClient.findUnique({ where: { id: input.id }, select: { clientId: true, name: true, redirectUris: true, allowedClaims: true, revokedAt: true } });
    if (!current) throw new AppError("not_found", "That client no longer exists.");
    if (current.revokedAt) throw new AppError("conflict", "This client is revoked and cannot be changed. Register a new one.");

    const changed = [
      ...(current.name === input.name ? [] : ["name"]),
      ...(sameList(current.redirectUris, input.redirectUris) ? [] : ["redirectUris"]),
      ...(sameList(current.allowedClaims, input.allowedClaims) ? [] : ["allowedClaims"]),
    ];
    if (changed.length === 0) return;

    const nextClaims = new Set<string>(input.allowedClaims);
    await tx.idvClient.update({ where: { id: input.id }, data: { name: input.name, redirectUris: input.redirectUris, allowedClaims: input.allowedClaims } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "idv_client.updated",
      target: { type: "idv_client", id: input.id, label: input.name },
      request,
      details: {
        clientId: current.clientId,
        changed,
        ...(current.name === input.name ? {} : { previousName: current.name }),
        redirectUriHosts: redirectUriHosts(input.redirectUris),
        redirectUriCount: input.redirectUris.length,
        claimsAdded: input.allowedClaims.filter((claim) => !current.allowedClaims.includes(claim)),
        claimsRemoved: current.allowedClaims.filter((claim) => !nextClaims.has(claim)),
      },
    });
  });
}
