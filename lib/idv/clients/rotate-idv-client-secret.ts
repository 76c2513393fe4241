import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { IssuedIdvClientCredentials } from "@/lib/idv/clients/create-idv-client";
import type { IdvClientIdInput } from "@/lib/idv/clients/idv-client-schemas";
import { generateIdvClientSecret } from "@/lib/idv/clients/idv-client-secrets";

/**
 * Replaces a client's secret, with its audit event in one transaction. The old secret stops working as soon as
 * this commits (only one hash is kept: a leaked secret must not stay valid for a grace period); the new one is
 * returned this once, for the admin to paste into Okta.
 */
export async function rotateIdvClientSecret(
  input: IdvClientIdInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<IssuedIdvClientCredentials> {
  const { secret, hash } = generateIdvClientSecret();
  return db().$transaction(async (tx) => {
    // The revokedAt condition in the write itself: a revoke committing first makes this match nothing.
    const replaced = await tx.idvClient.updateMany({ where: { id: input.id, revokedAt: null }, data: { secretHash: hash, secretRotatedAt: new Date() } });
    const client = await tx.idvClient.findUnique({ where: { id: input.id }, select: { clientId: true, name: true } });
    if (!client) throw new AppError("not_found", "That client no longer exists.");
    if (replaced.count === 0) throw new AppError("conflict", "This client is revoked; its secret cannot be replaced. Register a new one.");
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "idv_client.secret_rotated",
      target: { type: "idv_client", id: input.id, label: client.name },
      request,
      details: { clientId: client.clientId },
    });
    return { id: input.id, clientId: client.clientId, clientSecret: secret };
  });
}
