import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { IdvProviderConfig } from "@/lib/sandbox/okta/idv-provider-config";
import { sameSecret, type IdvVerificationSummary } from "@/lib/sandbox/okta/idv-recoveries";

/** Seconds of clock skew between the vendor and this org that an `exp`/`iat`/`nbf` check forgives. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * `verified_claims` (OpenID Connect for Identity Assurance §5) as far as Okta's policy reads it: a trust
 * framework and a claims object. Other members (evidence, verification_process ...) pass through unread.
 */
const verifiedClaimsSchema = z.object({
  verification: z
    .object({ trust_framework: z.string().min(1), assurance_level: z.string().optional(), time: z.string().optional() })
    .loose(),
  claims: z.record(z.string(), z.unknown()),
});

const verifiedNamesSchema = z.object({ given_name: z.string().optional(), family_name: z.string().optional() });

export type VerifiedIdentity = {
  givenName: string | undefined;
  familyName: string | undefined;
  verification: IdvVerificationSummary;
  claimNames: string[];
};

export type IdTokenVerdict =
  | { ok: true; identity: VerifiedIdentity }
  | { ok: false; reason: "id_token_invalid" | "nonce_mismatch" | "verified_claims_missing" };

/** OIDC Core §3.1.3.7: with several audiences, `azp` must name this client. */
function authorisedParty(payload: JWTPayload, clientId: string): boolean {
  if (!Array.isArray(payload.aud) || payload.aud.length < 2) return true;
  return payload.azp === clientId;
}

/**
 * Verifies the vendor's ID token: RS256 under a key of its JWKS, issuer, audience, expiry, the nonce of this
 * transaction, then the shape of `verified_claims`. The names are returned for the profile comparison.
 */
export async function verifyIdvIdToken(
  idToken: string,
  options: { provider: IdvProviderConfig; keys: JWTVerifyGetKey; nonce: string },
): Promise<IdTokenVerdict> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, options.keys, {
      algorithms: ["RS256"],
      issuer: options.provider.issuer,
      audience: options.provider.clientId,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "iat", "exp"],
    }));
  } catch {
    return { ok: false, reason: "id_token_invalid" };
  }
  if (!authorisedParty(payload, options.provider.clientId)) return { ok: false, reason: "id_token_invalid" };
  if (typeof payload.nonce !== "string" || !sameSecret(payload.nonce, options.nonce)) return { ok: false, reason: "nonce_mismatch" };

  const verified = verifiedClaimsSchema.safeParse(payload.verified_claims);
  if (!verified.success) return { ok: false, reason: "verified_claims_missing" };
  const { verification, claims } = verified.data;
  const names = verifiedNamesSchema.safeParse(claims);
  return {
    ok: true,
    identity: {
      // A name that is not a string is as good as absent: the comparison then refuses.
      givenName: names.success ? names.data.given_name : undefined,
      familyName: names.success ? names.data.family_name : undefined,
      verification: {
        trust_framework: verification.trust_framework,
        ...(verification.assurance_level === undefined ? {} : { assurance_level: verification.assurance_level }),
        ...(verification.time === undefined ? {} : { time: verification.time }),
      },
      claimNames: Object.keys(claims).sort(),
    },
  };
}
