import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import type { WalletRequestSecrets } from "@/lib/wallet/protocol/build-wallet-requests";

const jwkSchema = z.looseObject({ kty: z.string(), crv: z.string().optional(), x: z.string().optional(), y: z.string().optional(), d: z.string().optional() });
const secretsSchema = z.object({
  nonce: z.string(),
  oid4vpPrivateJwk: jwkSchema,
  oid4vpPublicJwk: jwkSchema,
  oid4vpThumbprint: z.string(),
  annexCPrivateJwk: jwkSchema,
  encryptionInfo: z.string(),
});

const contextOf = (presentationId: string) => `wallet-presentation:${presentationId}`;

/** The request's nonce and one-time private keys, sealed at rest (a database read alone opens no response). */
export function sealWalletSecrets(presentationId: string, secrets: WalletRequestSecrets): string {
  return sealSecret(JSON.stringify(secrets), contextOf(presentationId));
}

export function openWalletSecrets(presentationId: string, sealed: string): WalletRequestSecrets {
  return secretsSchema.parse(JSON.parse(openSecret(sealed, contextOf(presentationId))));
}

/** The elements asked of each doctype, as stored in `requested`. */
export const requestedElementsSchema = z.record(z.string(), z.array(z.string()));
