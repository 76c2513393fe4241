import { getServerEnv } from "@/lib/config/server-env";
import { type Keyring, parseKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

let keyring: Keyring | undefined;

function serverKeyring(): Keyring {
  keyring ??= parseKeyring(getServerEnv().DATA_ENCRYPTION_KEYS);
  return keyring;
}

/** Encrypts a secret with this installation's active data-encryption key. */
export function sealSecret(plaintext: string, context: string): string {
  return encryptSecret(plaintext, serverKeyring(), context);
}

/** Decrypts a secret sealed by `sealSecret` (any key still configured). */
export function openSecret(sealed: string, context: string): string {
  return decryptSecret(sealed, serverKeyring(), context);
}
