import { generateKeyPairSync, randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { AppRegistration } from "@/lib/sandbox/entra/tenant-apps";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
export const TOKEN_LIFETIME_SECONDS = 3599;

const claimsSchema = z.object({
  tid: z.string(),
  appid: z.string(),
  roles: z.array(z.string()).default([]),
  iat: z.number(),
  exp: z.number(),
});
export type AccessTokenClaims = z.infer<typeof claimsSchema>;

export type TokenCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: "expired" | "invalid" };

/**
 * Signs and checks the sandbox's Graph access tokens with its own RSA key (RS256, like Entra's v1 app tokens).
 * The key lives as long as the process: a tenant reset keeps issued tokens verifiable.
 */
export class AccessTokenIssuer {
  private readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  readonly keyId = randomUUID();

  /**
   * `tokensNotBefore` is the fault injector's "every token issued before this second is expired" mark; `iat`
   * is raised to it so that a token fetched right after expiring all tokens is valid at once.
   */
  async issue(tenantId: string, app: AppRegistration, tokensNotBefore = 0): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = Math.max(now, tokensNotBefore);
    return new SignJWT({
      tid: tenantId,
      appid: app.clientId,
      app_displayname: app.displayName,
      idtyp: "app",
      oid: app.clientId,
      roles: app.grantedPermissions ?? [],
      ver: "1.0",
      uti: randomUUID(),
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.keyId })
      .setIssuer(`https://sts.windows.net/${tenantId}/`)
      .setAudience(GRAPH_AUDIENCE)
      .setSubject(app.clientId)
      .setIssuedAt(issuedAt)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(this.keys.privateKey);
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, { audience: GRAPH_AUDIENCE, algorithms: ["RS256"] });
      const claims = claimsSchema.safeParse(payload);
      return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: "invalid" };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
    }
  }
}
