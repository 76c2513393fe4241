import { randomUUID } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";

/** Entra wants the certificate's SHA-256 thumbprint base64url-encoded; accept the hex form portals show, too. */
export function toBase64UrlThumbprint(thumbprint: string): string {
  const trimmed = thumbprint.trim().replace(/:/g, "");
  return /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex").toString("base64url") : trimmed;
}

/**
 * A certificate client assertion (RFC 7523) for the client-credentials grant: `x5t#S256` names the certificate
 * registered on the app, `aud` is the exact token URL, and a short lifetime with a random `jti` limits replay.
 */
export async function signEntraClientAssertion(input: { clientId: string; tokenUrl: string; privateKeyPem: string; thumbprintSha256: string }): Promise<string> {
  const key = await importPKCS8(input.privateKeyPem, "PS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": toBase64UrlThumbprint(input.thumbprintSha256) })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.tokenUrl)
    .setIssuedAt(now)
    .setNotBefore(now - 30)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(key);
}
