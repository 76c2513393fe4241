import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { type CreateApiKeyInput, createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { generateApiKey } from "@/lib/api-keys/api-key-secrets";

export type IssuedApiKey = { id: string; name: string; key: string; prefix: string; expiresAt: Date | null };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a key with its audit event in one transaction and returns the key this once: only its hash is stored,
 * and the audit event carries the name, scopes and prefix, never the key.
 */
export async function createApiKey(rawInput: CreateApiKeyInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<IssuedApiKey> {
  const input = createApiKeySchema.parse(rawInput);
  const { key, prefix, hash } = generateApiKey();
  const expiresAt = input.lifetime === "never" ? null : new Date(Date.now() + input.lifetime * DAY_MS);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, prefix, secretHash: hash, scopes: input.scopes, rateLimitPerMinute: input.rateLimitPerMinute, expiresAt, createdById: actor.id },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "api_key.created",
      target: { type: "api_key", id: row.id, label: input.name },
      request,
      details: { prefix, scopes: input.scopes, rateLimitPerMinute: input.rateLimitPerMinute, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { id: created.id, name: input.name, key, prefix, expiresAt };
}
