import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { z } from "zod";
import type { ServiceApp, ServiceAppRegistry } from "@/lib/sandbox/okta/service-apps";

const ASSERTION_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];
/** Okta refuses client assertions that live longer than an hour. */
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;

const assertionClaimsSchema = z.object({ jti: z.string().min(1), exp: z.number() });

export type ClientAssertionResult =
  | { ok: true; app: ServiceApp; jti: string; expiresAtSeconds: number }
  | { ok: false; description: string };

/**
 * Checks a private_key_jwt client assertion as Okta does: the issuer names a registered app, the header
 * `kid` names one of its public keys, the signature verifies, `aud` is the full token URL, `iss` = `sub` =
 * client id, `exp` is in the future but at most an hour ahead. Single use of `jti` is the caller's job, so
 * that a DPoP nonce challenge does not burn an otherwise valid assertion.
 */
export async function verifyClientAssertion(options: {
  assertion: string;
  tokenUrl: string;
  apps: ServiceAppRegistry;
  clientIdParam: string | undefined;
  nowSeconds: number;
}): Promise<ClientAssertionResult> {
  const fail = (description: string): ClientAssertionResult => ({ ok: false, description });
  let issuer: unknown;
  let kid: string | undefined;
  let alg: string | undefined;
  try {
    ({ kid, alg } = decodeProtectedHeader(options.assertion));
    issuer = decodeJwt(options.assertion).iss;
  } catch {
    return fail("The client_assertion is not a well-formed JWT.");
  }
  const app = typeof issuer === "string" ? options.apps.get(issuer) : undefined;
  if (!app) return fail("The client_assertion token has an invalid 'iss' claim: no such client.");
  if (options.clientIdParam !== undefined && options.clientIdParam !== app.clientId) {
    return fail("The client_id parameter does not match the client_assertion issuer.");
  }
  if (!alg || !ASSERTION_ALGORITHMS.includes(alg)) return fail("The client_assertion token uses an unsupported signing algorithm.");
  if (!kid) return fail("The client_assertion token header has no 'kid'.");
  if (!app.keys.some((key) => key.kid === kid)) {
    return fail("The client_assertion token has a 'kid' that does not match any public key registered for the client.");
  }
  try {
    const { payload } = await jwtVerify(options.assertion, createLocalJWKSet({ keys: app.keys }), {
      algorithms: ASSERTION_ALGORITHMS,
      audience: options.tokenUrl,
      issuer: app.clientId,
      subject: app.clientId,
      requiredClaims: ["exp", "jti"],
      currentDate: new Date(options.nowSeconds * 1000),
    });
    const claims = assertionClaimsSchema.parse(payload);
    if (claims.exp - options.nowSeconds > MAX_ASSERTION_LIFETIME_SECONDS) {
      return fail("The client_assertion token has an expiration too far into the future.");
    }
    return { ok: true, app, jti: claims.jti, expiresAtSeconds: claims.exp };
  } catch (error) {
    return fail(describeVerificationError(error));
  }
}

function describeVerificationError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The client_assertion token is expired.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "The audience claim for client_assertion must be the endpoint invoked for the request.";
    return `The client_assertion token has an invalid '${error.claim}' claim.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The client_assertion signature is invalid.";
  return "The client_assertion token is invalid.";
}
