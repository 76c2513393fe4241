import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@okta/okta-sdk-nodejs";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

/** Test-only helpers: an RSA service-app key pair and an Okta SDK client isolated from the machine's config. */
export type ServiceKey = { kid: string; privateJwk: JWK; publicJwk: JWK; privateKey: CryptoKey };

export async function generateServiceKey(kid: string): Promise<ServiceKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateJwk, publicJwk, privateKey };
}

/**
 * The SDK merges ~/.okta/okta.yaml, ./okta.yaml and OKTA_CLIENT_* variables into its config when the
 * client is constructed: build it with an empty HOME and cwd and without those variables, then restore.
 */
export function createHermeticOktaClient(options: { orgUrl: string; clientId: string; scopes: string[]; key: ServiceKey }): Client {
  const saved = { home: process.env.HOME, cwd: process.cwd(), okta: Object.entries(process.env).filter(([name]) => name.startsWith("OKTA_")) };
  const empty = mkdtempSync(path.join(tmpdir(), "okta-sdk-"));
  for (const [name] of saved.okta) delete process.env[name];
  process.env.HOME = empty;
  process.chdir(empty);
  try {
    return new Client({
      orgUrl: options.orgUrl.replace(/\/+$/, ""),
      authorizationMode: "PrivateKey",
      clientId: options.clientId,
      scopes: options.scopes,
      privateKey: options.key.privateJwk,
      keyId: options.key.kid,
      cacheMiddleware: null,
    });
  } finally {
    process.chdir(saved.cwd);
    process.env.HOME = saved.home;
    for (const [name, value] of saved.okta) process.env[name] = value;
  }
}

/** A private_key_jwt client assertion as the SDK builds it, with knobs to break each rule. */
export async function signClientAssertion(
  key: ServiceKey,
  options: { clientId: string; audience: string; expiresInSeconds?: number; jti?: string; kid?: string | null; subject?: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const header = options.kid === null ? { alg: "RS256" } : { alg: "RS256", kid: options.kid ?? key.kid };
  return new SignJWT({})
    .setProtectedHeader(header)
    .setIssuer(options.clientId)
    .setSubject(options.subject ?? options.clientId)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 300))
    .setJti(options.jti ?? randomUUID())
    .sign(key.privateKey);
}

/** A DPoP proof (RFC 9449) signed with the key whose public half travels in the header. */
export async function signDpopProof(
  key: ServiceKey,
  options: { htm: string; htu: string; nonce?: string; accessToken?: string; typ?: string; jti?: string },
): Promise<string> {
  const { kid: _kid, alg: _alg, use: _use, ...publicJwk } = key.publicJwk;
  return new SignJWT({
    htm: options.htm,
    htu: options.htu,
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.accessToken ? { ath: createHash("sha256").update(options.accessToken).digest("base64url") } : {}),
  })
    .setProtectedHeader({ alg: "RS256", typ: options.typ ?? "dpop+jwt", jwk: publicJwk })
    .setIssuedAt()
    .setJti(options.jti ?? randomUUID())
    .sign(key.privateKey);
}
