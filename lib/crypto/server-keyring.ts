import { getServerEnv } from "@/lib/config/server-env";
import { type Keyring, parseKeyring } from "@/lib/config/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

let cached: { source: string; keyring: Keyring } | undefined;

/** This installation's keyring, parsed again when DATA_ENCRYPTION_KEYS changes (tests that rotate keys). */
export function serverKeyring(): Keyring {
  const source = getServerEnv().DATA_ENCRYPTION_KEYS;
  if (cached?.source !== source) cached = { source, keyring: parseKeyring(source) };
  return cached.keyring;
}

/** Encrypts a secret with this installation's active data-encryption key. */
export function sealSecret(plaintext: string, context: string): string {
  return encryptSecret(plaintext, serverKeyring(), context);
}

/** Decrypts a secret sealed by `sealSecret` (any key still configured). */
export function openSecret(sealed: string, context: string): string {
  return decryptSecret(sealed, serverKeyring(), context);
}
