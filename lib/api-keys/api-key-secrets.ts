import { createHash, randomBytes } from "node:crypto";

/**
 * `vfd_` + 256 random bits. The prefix lets secret scanners (GitHub's, gitleaks) recognise a leaked key and lets
 * the console tell keys apart by their first characters; only the SHA-256 of the whole key is stored (a random
 * value of that size needs no slow hash).
 */
const KEY_PREFIX = "vfd_";
const KEY_PATTERN = /^vfd_[A-Za-z0-9_-]{43}$/;
/** Characters of the key the console shows ("vfd_AbC1…"): enough to tell keys apart, far too few to guess the rest. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("base64url");
}

/** Cheap shape check before any database work: malformed keys are refused without a lookup. */
export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}
