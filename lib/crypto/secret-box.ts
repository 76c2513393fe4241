import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "@/lib/config/keyring";

const FORMAT_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt secret: ${reason}`);
    this.name = "SecretDecryptionError";
  }
}

/**
 * Encrypts a secret (provider credentials, private keys) with AES-256-GCM under the keyring's active key.
 * Output: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url). `context` is bound as additional authenticated
 * data, so a ciphertext copied onto another record (another connection id) refuses to decrypt.
 */
export function encryptSecret(plaintext: string, keyring: Keyring, context: string): string {
  const key = keyring.keys.get(keyring.activeKeyId);
  if (!key) throw new Error("The active data-encryption key is missing from the keyring");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${FORMAT_VERSION}|${keyring.activeKeyId}|${context}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, keyring.activeKeyId, iv, ciphertext, tag]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Decrypts what `encryptSecret` produced with any key still in the keyring; throws on any tampering. */
export function decryptSecret(sealed: string, keyring: Keyring, context: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== FORMAT_VERSION) throw new SecretDecryptionError("unknown format");
  const [, keyId, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  const key = keyring.keys.get(keyId);
  if (!key) throw new SecretDecryptionError(`key "${keyId}" is not in DATA_ENCRYPTION_KEYS`);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("malformed envelope");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${FORMAT_VERSION}|${keyId}|${context}`, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("authentication failed (tampered data, wrong key or wrong context)");
  }
}

/** True when the value was sealed with an older key and should be re-encrypted under the active one. */
export function needsReEncryption(sealed: string, keyring: Keyring): boolean {
  return sealed.split(".")[1] !== keyring.activeKeyId;
}
