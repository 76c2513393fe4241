import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";

/**
 * An RS256 key pair for Okta's private_key_jwt (and DPoP: the Okta SDK signs its proofs with RS256). The public
 * JWK is what the admin pastes into the Okta service app; the private JWK is sealed at rest.
 */
export async function generateOktaKey(): Promise<{ kid: string; publicJwk: JWK & { kid: string; kty: string }; privateJwk: JWK & { kid: string; kty: string } }> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = `verifyd-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`;
  const exportedPublic = await exportJWK(publicKey);
  const exportedPrivate = await exportJWK(privateKey);
  return {
    kid,
    publicJwk: { ...exportedPublic, kty: exportedPublic.kty ?? "RSA", kid, alg: "RS256", use: "sig" },
    privateJwk: { ...exportedPrivate, kty: exportedPrivate.kty ?? "RSA", kid, alg: "RS256" },
  };
}
