import "server-only";
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { authenticateIdvClient } from "@/lib/idv/clients/find-idv-client";
import { ID_TOKEN_ALGORITHM, currentSigningKey } from "@/lib/idv/keys/signing-keys";
import { buildVerifiedClaims, decisionForClaimsSchema } from "@/lib/idv/protocol/build-verified-claims";
import { idvIssuer } from "@/lib/idv/protocol/idv-issuer";
import { hashIdvToken, isWellFormedIdvToken, pkceChallengeOf } from "@/lib/idv/protocol/idv-tokens";
import { OAuthError } from "@/lib/idv/protocol/oauth-error";
import { isClaimName } from "@/lib/idv/protocol/oidc-claim-names";
import { readClientCredentials } from "@/lib/idv/protocol/read-client-credentials";
import { directoryClaimsOf } from "@/lib/verification/claims";

/** The ID token states a result at one moment: the IdP uses it at once. */
export const ID_TOKEN_LIFETIME_SECONDS = 300;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; id_token: string; scope: string };
type RequestContext = { ip?: string; userAgent?: string };

async function refuse(authorizationId: string | null, clientId: string, reason: string, request?: RequestContext): Promise<never> {
  await recordAuditEvent(db(), { actor: { type: "SYSTEM", label: "IdP token endpoint" }, action: "idv.token_refused", target: { type: "idv_authorization", ...(authorizationId ? { id: authorizationId } : {}) }, request, details: { clientId, reason } });
  throw new OAuthError("invalid_grant", "The authorization code is invalid, expired, already used, or was issued to another client or redirect URI.");
}

/**
 * The token endpoint (RFC 6749 §4.1.3, OIDC Core §3.1.3): authenticates the client, spends the code in one
 * conditional write (a second use is recorded as a replay and gets nothing), then checks the redirect URI and
 * the client, the redirect URI and the PKCE verifier; a code that fails any of them is spent too, so it cannot be retried. Every refusal reads the same.
 */
export async function exchangeAuthorizationCode(authorization: string | null, form: URLSearchParams, request?: RequestContext): Promise<TokenResponse> {
  const credentials = readClientCredentials(authorization, form);
  const client = await authenticateIdvClient(credentials.clientId, credentials.clientSecret);
  if (!client) throw new OAuthError("invalid_client", "Client authentication failed.");
  for (const name of ["grant_type", "code", "redirect_uri", "code_verifier"]) {
    if (form.getAll(name).length > 1) throw new OAuthError("invalid_request", `The ${name} parameter is repeated.`);
  }
  const grantType = form.get("grant_type");
  if (grantType === null) throw new OAuthError("invalid_request", "grant_type is required.");
  if (grantType !== "authorization_code") throw new OAuthError("unsupported_grant_type", "Only the authorization_code grant is supported.");
  const code = form.get("code");
  const verifier = form.get("code_verifier");
  const redirectUri = form.get("redirect_uri");
  if (code === null || redirectUri === null) throw new OAuthError("invalid_request", "code and redirect_uri are required.");
  if (verifier === null || !VERIFIER.test(verifier)) throw new OAuthError("invalid_request", "code_verifier is required (RFC 7636: 43 to 128 unreserved characters).");
  if (!isWellFormedIdvToken(code)) return refuse(null, client.clientId, "code_unknown", request);

  const found = await db().idvAuthorization.findUnique({
    where: { codeHash: hashIdvToken(code) },
    select: { id: true, clientId: true, redirectUri: true, codeChallenge: true, nonce: true, scope: true, requestedClaims: true, codeUsedAt: true, employeeId: true, verificationRequest: { select: { id: true, status: true, decidedAt: true, decision: true } } },
  });
  if (!found) return refuse(null, client.clientId, "code_unknown", request);
  const spent = await db().idvAuthorization.updateMany({ where: { id: found.id, codeUsedAt: null, codeExpiresAt: { gt: new Date() } }, data: { codeUsedAt: new Date() } });
  if (spent.count !== 1) {
    if (found.codeUsedAt) await db().idvAuthorization.update({ where: { id: found.id }, data: { codeReplayedAt: new Date() } });
    return refuse(found.id, client.clientId, found.codeUsedAt ? "code_replayed" : "code_expired", request);
  }
  // A code in another client's hands has leaked: it is spent above, so its own client cannot use it either.
  if (found.clientId !== client.id) return refuse(found.id, client.clientId, "code_of_another_client", request);
  if (found.redirectUri !== redirectUri) return refuse(found.id, client.clientId, "redirect_uri_mismatch", request);
  if (pkceChallengeOf(verifier) !== found.codeChallenge) return refuse(found.id, client.clientId, "pkce_mismatch", request);

  const verification = found.verificationRequest;
  const decision = decisionForClaimsSchema.safeParse(verification?.decision);
  const employee = found.employeeId ? await db().employee.findUnique({ where: { id: found.employeeId } }) : null;
  if (!verification || verification.status !== "VERIFIED" || !verification.decidedAt || !decision.success || !employee) {
    return refuse(found.id, client.clientId, "verification_not_verified", request);
  }
  const verifiedClaims = buildVerifiedClaims({
    decision: decision.data,
    decidedAt: verification.decidedAt,
    verificationId: verification.id,
    directory: directoryClaimsOf(employee),
    requested: found.requestedClaims.filter(isClaimName),
  });
  if (!verifiedClaims) return refuse(found.id, client.clientId, "nothing_verified_to_assert", request);

  const signing = await currentSigningKey();
  const now = Math.floor(Date.now() / 1000);
  const idToken = await new SignJWT({
    ...(found.nonce ? { nonce: found.nonce } : {}),
    auth_time: Math.floor(verification.decidedAt.getTime() / 1000),
    txn: verification.id,
    verified_claims: verifiedClaims,
  })
    .setProtectedHeader({ alg: ID_TOKEN_ALGORITHM, kid: signing.kid, typ: "JWT" })
    .setIssuer(idvIssuer())
    .setSubject(employee.externalId)
    .setAudience(client.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + ID_TOKEN_LIFETIME_SECONDS)
    .setJti(randomBytes(16).toString("base64url"))
    .sign(signing.key);
  await recordAuditEvent(db(), {
    actor: { type: "SYSTEM", label: "IdP token endpoint" },
    action: "idv.token_issued",
    target: { type: "verification_request", id: verification.id, label: employee.login },
    request,
    details: { authorizationId: found.id, clientId: client.clientId, kid: signing.kid, claims: Object.keys(verifiedClaims.claims), assurance: verifiedClaims.verification.assurance_level ?? null },
  });
  // No userinfo endpoint: the access token grants nothing, but RFC 6749 §5.1 requires one in the response.
  return { access_token: randomBytes(32).toString("base64url"), token_type: "Bearer", expires_in: ID_TOKEN_LIFETIME_SECONDS, id_token: idToken, scope: found.scope };
}
