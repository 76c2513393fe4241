import "server-only";
import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { authenticateIdvClient, type IdvClientRecord } from "@/lib/idv/clients/find-idv-client";
import { hashIdvToken } from "@/lib/idv/protocol/idv-tokens";
import { OAuthError } from "@/lib/idv/protocol/oauth-error";
import { isClaimName } from "@/lib/idv/protocol/oidc-claim-names";
import { parsePushedRequest } from "@/lib/idv/protocol/parse-pushed-request";
import { readClientCredentials } from "@/lib/idv/protocol/read-client-credentials";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";

/** RFC 9126 §2.2 suggests a short life: the browser follows the request_uri at once. */
export const REQUEST_URI_LIFETIME_SECONDS = 60;
const REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
/** Per client: Okta pushes one request per recovery; a burst far above that is a misbehaving or stolen client. */
const PUSH_LIMIT = { name: "idv:par:client", limit: 120, windowSeconds: 60 };

export type PushResult = { requestUri: string; expiresIn: number };
type RequestContext = { ip?: string; userAgent?: string };

/** The request_uri's random part, or null when the value is not one of ours (refused before any lookup). */
export function requestUriSecret(requestUri: string): string | null {
  if (!requestUri.startsWith(REQUEST_URI_PREFIX)) return null;
  const secret = requestUri.slice(REQUEST_URI_PREFIX.length);
  return /^[A-Za-z0-9_-]{43}$/.test(secret) ? secret : null;
}

async function authenticated(authorization: string | null, form: URLSearchParams): Promise<IdvClientRecord> {
  const credentials = readClientCredentials(authorization, form);
  const client = await authenticateIdvClient(credentials.clientId, credentials.clientSecret);
  if (!client) throw new OAuthError("invalid_client", "Client authentication failed.");
  return client;
}

/**
 * The pushed authorization request endpoint (RFC 9126): authenticates the client, checks the request, resolves
 * the person it names and stores the transaction under a single-use request_uri. Whether the login hint named
 * anyone changes nothing in the answer: a hint that matched nobody leads to a verification that fails.
 */
export async function pushAuthorizationRequest(authorization: string | null, form: URLSearchParams, request?: RequestContext): Promise<PushResult> {
  const client = await authenticated(authorization, form);
  if ((await hitRateLimit(PUSH_LIMIT, client.clientId)).limited) throw new OAuthError("temporarily_unavailable", "Too many pushed requests from this client; slow down.");
  const pushed = parsePushedRequest(form);
  if (pushed.clientId !== null && pushed.clientId !== client.clientId) throw new OAuthError("invalid_request", "client_id differs from the authenticated client.");
  // Exact string comparison (RFC 9700 §2.1): no prefix, pattern or normalisation, so no open redirect.
  if (!client.redirectUris.includes(pushed.redirectUri)) throw new OAuthError("invalid_request", "redirect_uri is not registered for this client.");
  const allowed = client.allowedClaims.filter(isClaimName);
  const requestedClaims = pushed.requestedClaims === null ? allowed : pushed.requestedClaims.filter((claim) => allowed.includes(claim));

  const secret = randomBytes(32).toString("base64url");
  await db().$transaction(async (tx) => {
    // Exact equality on lower(), as the self-service portal does: an ILIKE would let % or _ match someone else.
    const [employee] = await tx.$queryRaw<{ id: string; login: string }[]>`
      SELECT e."id", e."login" FROM "employee" e JOIN "iam_connection" c ON c."id" = e."connectionId"
      WHERE e."membership" = 'ACTIVE' AND c."status" = 'ACTIVE' AND (lower(e."email") = ${pushed.loginHint} OR lower(e."login") = ${pushed.loginHint})
      ORDER BY e."createdAt" ASC LIMIT 1`;
    const created = await tx.idvAuthorization.create({
      data: {
        clientId: client.id,
        requestUriHash: hashIdvToken(secret),
        requestUriExpiresAt: new Date(Date.now() + REQUEST_URI_LIFETIME_SECONDS * 1000),
        redirectUri: pushed.redirectUri,
        scope: pushed.scope,
        state: pushed.state,
        nonce: pushed.nonce,
        codeChallenge: pushed.codeChallenge,
        employeeId: employee?.id ?? null,
        requestedClaims,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: `IdP client ${client.name}` },
      action: "idv.authorization_pushed",
      target: { type: "idv_authorization", id: created.id, ...(employee ? { label: employee.login } : {}) },
      request,
      details: { clientId: client.clientId, personMatched: Boolean(employee), requestedClaims },
    });
  });
  return { requestUri: `${REQUEST_URI_PREFIX}${secret}`, expiresIn: REQUEST_URI_LIFETIME_SECONDS };
}
