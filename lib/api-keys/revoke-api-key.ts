import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { type ApiKeyIdInput, apiKeyIdSchema } from "@/lib/api-keys/api-key-schemas";

/**
 * Revokes a key for good, with its audit event in one transaction. The conditional update lets only one of two
 * simultaneous revokes succeed; the key stops working for the next request (every call looks it up).
 */
export async function revokeApiKey(rawInput: ApiKeyIdInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<void> {
  const input = apiKeyIdSchema.parse(rawInput);
  await db().$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateMany({ where: { id: input.id, revokedAt: null }, data: { revokedAt: new Date(), revokedById: actor.id } });
    const key = await tx.apiKey.findUnique({ where: { id: input.id }, select: { name: true, prefix: true } });
    if (!key) throw new AppError("not_found", "That key no longer exists.");
    if (revoked.count === 0) throw new AppError("conflict", "This key is already revoked.");
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "api_key.revoked",
      target: { type: "api_key", id: input.id, label: key.name },
      request,
      details: { prefix: key.prefix },
    });
  });
}
