import { createHash } from "node:crypto";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";
import { z } from "zod";

const PROOF_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"];
/** How old (and how far in the future, for clock skew) a proof's `iat` may be. */
const PROOF_MAX_AGE_SECONDS = 300;
const PROOF_MAX_SKEW_SECONDS = 60;

const proofClaimsSchema = z.object({
  htm: z.string(),
  htu: z.string(),
  iat: z.number(),
  jti: z.string().min(1),
  nonce: z.string().optional(),
  ath: z.string().optional(),
});

export type DpopProofResult =
  | { ok: true; thumbprint: string; jti: string; nonce: string | undefined; expiresAtMs: number }
  | { ok: false; description: string };

/** base64url(SHA-256(access token)), the `ath` claim binding a proof to the token it accompanies. */
export function accessTokenHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest("base64url");
}

function withoutQuery(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * Validates a DPoP proof (RFC 9449) for one request: `typ: dpop+jwt`, a public `jwk` in the header that
 * verifies the signature, `htm`/`htu` naming this request, a recent `iat`, and `ath` when an access token
 * is presented. Nonce and `jti` single use depend on the endpoint, so the caller checks those.
 */
export async function verifyDpopProof(options: {
  proof: string;
  method: string;
  url: string;
  nowSeconds: number;
  accessToken?: string;
}): Promise<DpopProofResult> {
  const fail = (description: string): DpopProofResult => ({ ok: false, description });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(options.proof);
  } catch {
    return fail("The DPoP proof JWT is malformed.");
  }
  if (header.typ !== "dpop+jwt") return fail("The DPoP proof JWT header 'typ' must be 'dpop+jwt'.");
  if (!header.alg || !PROOF_ALGORITHMS.includes(header.alg)) return fail("The DPoP proof JWT uses an unsupported algorithm.");
  if (!header.jwk) return fail("The DPoP proof JWT header is missing the 'jwk'.");
  if ("d" in header.jwk) return fail("The DPoP proof JWT header 'jwk' must be a public key.");
  let claims: z.infer<typeof proofClaimsSchema>;
  try {
    const { payload } = await jwtVerify(options.proof, EmbeddedJWK, { typ: "dpop+jwt", algorithms: PROOF_ALGORITHMS });
    claims = proofClaimsSchema.parse(payload);
  } catch {
    return fail("The DPoP proof JWT signature or claims are invalid.");
  }
  // The SDK's own raw helpers (`client.http.post`) sign `htm: "post"` while node-fetch sends POST; accept case
  // differences so requests the SDK itself builds keep working.
  if (claims.htm.toUpperCase() !== options.method.toUpperCase()) return fail("The DPoP proof 'htm' does not match the request method.");
  if (withoutQuery(claims.htu) !== withoutQuery(options.url)) return fail("The DPoP proof 'htu' does not match the request URL.");
  if (claims.iat < options.nowSeconds - PROOF_MAX_AGE_SECONDS || claims.iat > options.nowSeconds + PROOF_MAX_SKEW_SECONDS) {
    return fail("The DPoP proof 'iat' is not recent.");
  }
  if (options.accessToken !== undefined && claims.ath !== accessTokenHash(options.accessToken)) {
    return fail("The DPoP proof 'ath' does not match the access token.");
  }
  return {
    ok: true,
    thumbprint: await calculateJwkThumbprint(header.jwk),
    jti: claims.jti,
    nonce: claims.nonce,
    expiresAtMs: (claims.iat + PROOF_MAX_AGE_SECONDS) * 1000,
  };
}
