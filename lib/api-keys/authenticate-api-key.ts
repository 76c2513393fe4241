import "server-only";
import { apiKeyActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { reserveRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import { hashApiKey, isWellFormedApiKey } from "@/lib/api-keys/api-key-secrets";

export type AuthenticatedApiKey = { id: string; name: string; scopes: string[] };

export type ApiKeyRefusal =
  | { code: "unauthenticated"; detail: string }
  | { code: "forbidden"; detail: string }
  | { code: "rate_limited"; detail: string; retryAfterSeconds: number };

/** Failed key checks per client address and minute: a key is unguessable, but every failed lookup costs a query. */
export const INVALID_API_KEY_LIMIT = { name: "api:invalid-key", limit: 30, windowSeconds: 60 } satisfies RateLimitRule;
/** lastUsedAt is written at most once a minute per key, not on every call. */
const LAST_USED_GRANULARITY_MS = 60_000;

const UNKNOWN_KEY = "Send a valid API key as `Authorization: Bearer vfd_…`. An administrator creates keys under Settings → API keys.";

/**
 * Who is calling, from `Authorization: Bearer <key>`: the key must exist, be unrevoked and unexpired, and hold
 * `scope`. Then one attempt is reserved against the key's own per-minute limit (one conditional write, so a
 * parallel burst gets exactly the limit). Refusals of a known key are audited under its name; unknown keys are
 * counted per client address instead, and refused altogether once that address has failed too often.
 */
export async function authenticateApiKey(authorization: string | null, scope: ApiKeyScope, request: RequestContext, operation: string): Promise<{ key: AuthenticatedApiKey } | { refusal: ApiKeyRefusal }> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  const found = isWellFormedApiKey(presented)
    ? await db().apiKey.findUnique({ where: { secretHash: hashApiKey(presented) }, select: { id: true, name: true, scopes: true, expiresAt: true, revokedAt: true, rateLimitPerMinute: true, lastUsedAt: true } })
    : null;
  const now = new Date();
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now)) {
    const failures = await reserveRateLimit(INVALID_API_KEY_LIMIT, request.ip);
    if (!failures.reserved) return { refusal: { code: "rate_limited", detail: "Too many requests with an invalid API key from this address. Wait a minute.", retryAfterSeconds: failures.retryAfterSeconds } };
    if (!found) return { refusal: { code: "unauthenticated", detail: UNKNOWN_KEY } };
    const reason = found.revokedAt ? "revoked" : "expired";
    await recordAuditEvent(db(), { actor: apiKeyActor(found), action: "api.refused", request, details: { operation, reason } });
    return { refusal: { code: "unauthenticated", detail: `This API key was ${reason === "revoked" ? "revoked" : "valid until"}${reason === "expired" ? ` ${found.expiresAt?.toISOString()}` : ""}. Ask an administrator for a new one.` } };
  }
  if (!found.scopes.includes(scope)) {
    await recordAuditEvent(db(), { actor: apiKeyActor(found), action: "api.refused", request, details: { operation, reason: "missing_scope", scope } });
    return { refusal: { code: "forbidden", detail: `This API key lacks the scope ${scope}. An administrator can create a key that has it.` } };
  }
  const rule = { name: "api:key", limit: found.rateLimitPerMinute, windowSeconds: 60 } satisfies RateLimitRule;
  const reserved = await reserveRateLimit(rule, found.id);
  if (!reserved.reserved) {
    // Once per window, not once per refused request: a runaway integration must not flood the audit log.
    const firstInWindow = await reserveRateLimit({ name: "api:key-limited-audit", limit: 1, windowSeconds: 60 }, found.id);
    if (firstInWindow.reserved) await recordAuditEvent(db(), { actor: apiKeyActor(found), action: "api.refused", request, details: { operation, reason: "rate_limited", limitPerMinute: found.rateLimitPerMinute } });
    return { refusal: { code: "rate_limited", detail: `This API key is limited to ${found.rateLimitPerMinute} requests a minute.`, retryAfterSeconds: reserved.retryAfterSeconds } };
  }
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db().apiKey.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return { key: { id: found.id, name: found.name, scopes: found.scopes } };
}
