import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, base64url: request_uri secrets, browser bindings and authorization codes. */
export function generateIdvToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashIdvToken(token) };
}

/** Only hashes are stored: a database read does not hand out a usable request_uri, binding or code. */
export function hashIdvToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

export function isWellFormedIdvToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** RFC 7636 §4.6: BASE64URL(SHA-256(ASCII(code_verifier))). */
export function pkceChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
