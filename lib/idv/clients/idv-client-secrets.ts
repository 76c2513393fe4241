import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A client id: public, random so registrations cannot be guessed or enumerated. */
export function generateIdvClientId(): string {
  return `idv_${randomBytes(16).toString("base64url")}`;
}

/** A client secret: 256 random bits, shown once; only its SHA-256 is stored (enough for a random value). */
export function generateIdvClientSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashIdvClientSecret(secret) };
}

export function hashIdvClientSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url");
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function idvClientSecretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashIdvClientSecret(presented));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
