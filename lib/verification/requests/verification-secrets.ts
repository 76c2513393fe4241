import { createHash, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { getServerEnv } from "@/lib/config/server-env";

/** 256-bit random link token (base64url, 43 characters) and the SHA-256 hash that is all the database keeps. */
export function generateLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** A link token is exactly 43 base64url characters; anything else is refused before touching the database. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Six decimal digits from a CSPRNG (uniform, leading zeros kept). */
export function generatePossessionCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

let codeKey: Buffer | undefined;

// A 6-digit code has 20 bits: a plain hash is reversed by brute force in microseconds, so codes are keyed
// with a server secret the database does not hold, and bound to their request.
function possessionCodeKey(): Buffer {
  codeKey ??= Buffer.from(hkdfSync("sha256", getServerEnv().AUTH_SECRET, "verifyd", "possession-code-v1", 32));
  return codeKey;
}

export function hashPossessionCode(requestId: string, code: string): string {
  return createHmac("sha256", possessionCodeKey()).update(`${requestId}:${code}`).digest("base64url");
}

/** Constant-time comparison of a typed code against the stored HMAC. */
export function possessionCodeMatches(requestId: string, code: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashPossessionCode(requestId, code));
  const stored = Buffer.from(storedHash);
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
