import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { FaultInjector } from "@/lib/sandbox/shared/faults";

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The fault injector with a generation counter: `expireAllTokens()` invalidates every token issued so far
 * while a token fetched a millisecond later is valid. The shared `tokensNotBefore` has one-second
 * resolution, which would also reject the SDK's immediate re-fetch after its 401 and break its retry.
 */
export class OktaFaultInjector extends FaultInjector {
  tokenGeneration = 0;

  override expireAllTokens(): void {
    super.expireAllTokens();
    this.tokenGeneration += 1;
  }
}

const grantClaimsSchema = z.object({
  sub: z.string(),
  cid: z.string(),
  scp: z.array(z.string()),
  gen: z.number().int(),
  cnf: z.object({ jkt: z.string() }).optional(),
});

export type AccessGrant = { clientId: string; scopes: string[]; dpopThumbprint: string | null };

/** Issues and checks the org authorization server's access tokens (JWTs signed with a per-sandbox secret). */
export class AccessTokenIssuer {
  private readonly secret = randomBytes(32);

  constructor(private readonly faults: OktaFaultInjector) {}

  /** `orgUrl` is the issuer and audience, as for tokens of Okta's org authorization server. */
  async issue(grant: AccessGrant, orgUrl: string): Promise<string> {
    return new SignJWT({
      cid: grant.clientId,
      scp: grant.scopes,
      gen: this.faults.tokenGeneration,
      ...(grant.dpopThumbprint ? { cnf: { jkt: grant.dpopThumbprint } } : {}),
    })
      .setProtectedHeader({ alg: "HS256", typ: "application/okta-internal-at+jwt" })
      .setIssuer(orgUrl)
      .setAudience(orgUrl)
      .setSubject(grant.clientId)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_LIFETIME_SECONDS}s`)
      .setJti(randomBytes(16).toString("base64url"))
      .sign(this.secret);
  }

  /** The grant behind a token, or null when it is malformed, forged, expired or expired by the fault injector. */
  async verify(token: string): Promise<AccessGrant | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ["HS256"] });
      const claims = grantClaimsSchema.parse(payload);
      if (claims.gen !== this.faults.tokenGeneration) return null;
      return { clientId: claims.cid, scopes: claims.scp, dpopThumbprint: claims.cnf?.jkt ?? null };
    } catch {
      return null;
    }
  }
}
