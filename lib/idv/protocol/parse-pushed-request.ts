import { z } from "zod";
import { OAuthError } from "@/lib/idv/protocol/oauth-error";
import { claimNamesForOidc } from "@/lib/idv/protocol/oidc-claim-names";
import type { ClaimName } from "@/lib/verification/claims";

/** Scopes this provider knows; `openid` is required, anything else is refused as invalid_scope. */
export const SUPPORTED_SCOPES = ["openid", "profile", "identity_assurance", "email", "phone", "address"] as const;

export type PushedRequest = {
  clientId: string | null;
  redirectUri: string;
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
  loginHint: string;
  /** null: the request named no verified claims, so the client's allowed claims apply. */
  requestedClaims: ClaimName[] | null;
};

const SINGLE_VALUED = ["response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "login_hint", "claims", "client_secret"];

const claimRequestSchema = z.record(z.string(), z.unknown());
const verifiedClaimsRequestSchema = z.looseObject({ claims: claimRequestSchema.optional() });
const claimsParameterSchema = z.looseObject({
  id_token: z.looseObject({ verified_claims: z.union([verifiedClaimsRequestSchema, z.array(verifiedClaimsRequestSchema)]).optional() }).optional(),
  userinfo: z.looseObject({ verified_claims: z.union([verifiedClaimsRequestSchema, z.array(verifiedClaimsRequestSchema)]).optional() }).optional(),
});

function requestedVerifiedClaims(raw: string): ClaimName[] | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new OAuthError("invalid_request", "The claims parameter is not valid JSON.");
  }
  const parsed = claimsParameterSchema.safeParse(json);
  if (!parsed.success) throw new OAuthError("invalid_request", "The claims parameter does not follow OpenID Connect Core §5.5.");
  const requests = [parsed.data.id_token?.verified_claims, parsed.data.userinfo?.verified_claims].flatMap((entry) => (entry === undefined ? [] : Array.isArray(entry) ? entry : [entry]));
  const names = requests.flatMap((request) => Object.keys(request.claims ?? {}));
  return requests.length === 0 ? null : claimNamesForOidc(names);
}

const text = (max: number) => z.string().min(1).max(max);

/**
 * The authorization request a client pushes (RFC 9126 §2.1), checked before anything is stored: only the
 * authorization code flow with PKCE S256, `openid` in scope, a login hint naming the person, no request object
 * and no request_uri inside a pushed request. Client authentication and the redirect URI's registration are
 * checked by the caller, which knows the client.
 */
export function parsePushedRequest(form: URLSearchParams): PushedRequest {
  for (const name of SINGLE_VALUED) {
    if (form.getAll(name).length > 1) throw new OAuthError("invalid_request", `The ${name} parameter is repeated.`);
  }
  if (form.has("request_uri")) throw new OAuthError("invalid_request", "A pushed authorization request must not contain request_uri.");
  if (form.has("request")) throw new OAuthError("invalid_request", "Request objects are not supported; push the parameters themselves.");
  const responseType = form.get("response_type");
  if (responseType === null) throw new OAuthError("invalid_request", "response_type is required.");
  if (responseType !== "code") throw new OAuthError("unsupported_response_type", "Only response_type=code is supported.");

  const redirectUri = text(2000).safeParse(form.get("redirect_uri"));
  if (!redirectUri.success) throw new OAuthError("invalid_request", "redirect_uri is required.");
  const scope = (form.get("scope") ?? "").split(" ").filter(Boolean);
  if (!scope.includes("openid")) throw new OAuthError("invalid_scope", "The openid scope is required.");
  const unknown = scope.filter((entry) => !(SUPPORTED_SCOPES as readonly string[]).includes(entry));
  if (unknown.length > 0) throw new OAuthError("invalid_scope", `Unsupported scope: ${unknown.slice(0, 3).join(", ").slice(0, 100)}.`);

  const challenge = form.get("code_challenge");
  if (challenge === null) throw new OAuthError("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  if (form.get("code_challenge_method") !== "S256") throw new OAuthError("invalid_request", "code_challenge_method must be S256.");
  // RFC 7636 §4.2: BASE64URL(SHA-256(verifier)) is exactly 43 characters.
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) throw new OAuthError("invalid_request", "code_challenge is not a base64url SHA-256 value.");

  const loginHint = z.string().trim().toLowerCase().min(1).max(254).regex(/^[^\s<>"'`]+$/).safeParse(form.get("login_hint"));
  if (!loginHint.success) throw new OAuthError("invalid_request", "login_hint is required and names the user to verify (their sign-in name or e-mail).");
  const state = form.get("state");
  if (state !== null && !text(1024).safeParse(state).success) throw new OAuthError("invalid_request", "state is too long.");
  const nonce = form.get("nonce");
  if (nonce !== null && !text(512).safeParse(nonce).success) throw new OAuthError("invalid_request", "nonce is too long.");
  const claims = form.get("claims");
  if (claims !== null && claims.length > 8192) throw new OAuthError("invalid_request", "The claims parameter is too long.");

  return {
    clientId: form.get("client_id"),
    redirectUri: redirectUri.data,
    scope: scope.join(" "),
    state,
    nonce,
    codeChallenge: challenge,
    loginHint: loginHint.data,
    requestedClaims: claims === null ? null : requestedVerifiedClaims(claims),
  };
}
