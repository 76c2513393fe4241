import { createHash } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const INDEX_CHARS = 8;
const HASH_CHARS = 9;

function hashChars(text: string, count: number): string {
  const digest = createHash("sha256").update(text).digest();
  let chars = "";
  for (let position = 0; position < count; position += 1) chars += BASE62[(digest[position] ?? 0) % 62];
  return chars;
}

/** Indices are mixed by an invertible affine map mod 2^40, so consecutive users do not get consecutive ids. */
const MODULUS = 1n << 40n;
const MULTIPLIER = 0x9e3779b97n; // odd, hence invertible mod 2^40
const OFFSET = 0x5bd1e9955n;

function inverseMod(value: bigint): bigint {
  // Newton iteration for the inverse of an odd number modulo a power of two.
  let inverse = value;
  for (let step = 0; step < 6; step += 1) inverse = (inverse * (2n - value * inverse)) % MODULUS;
  return ((inverse % MODULUS) + MODULUS) % MODULUS;
}
const MULTIPLIER_INVERSE = inverseMod(MULTIPLIER);

function mixIndex(index: number): number {
  return Number((BigInt(index) * MULTIPLIER + OFFSET) % MODULUS);
}

function unmixIndex(mixed: number): number {
  return Number((((BigInt(mixed) - OFFSET) % MODULUS + MODULUS) * MULTIPLIER_INVERSE) % MODULUS);
}

function encodeIndex(index: number): string {
  let value = mixIndex(index);
  let chars = "";
  do {
    chars = BASE62[value % 62] + chars;
    value = Math.floor(value / 62);
  } while (value > 0);
  return chars.padStart(INDEX_CHARS, "0");
}

function decodeIndex(chars: string): number | undefined {
  let value = 0;
  for (const char of chars) {
    const digit = BASE62.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 62 + digit;
  }
  return Number.isSafeInteger(value) ? unmixIndex(value) : undefined;
}

/**
 * Okta-style object id (3-char type prefix + 17 base62 chars = 20 chars, e.g. `00u...` users, `00g...` groups).
 * The index is encoded in the tail so an id maps back to its seeded person in O(1); the hashed middle makes
 * ids look random, differ per seed, and lets `decodeOktaId` reject ids forged for another seed.
 */
export function oktaId(prefix: string, seed: string, index: number): string {
  return `${prefix}${hashChars(`${seed}:${prefix}:${index}`, HASH_CHARS)}${encodeIndex(index)}`;
}

/** The index behind an id made by `oktaId` with the same prefix and seed, or undefined. */
export function decodeOktaId(prefix: string, seed: string, id: string): number | undefined {
  if (id.length !== prefix.length + HASH_CHARS + INDEX_CHARS || !id.startsWith(prefix)) return undefined;
  const index = decodeIndex(id.slice(prefix.length + HASH_CHARS));
  if (index === undefined || oktaId(prefix, seed, index) !== id) return undefined;
  return index;
}

/** A 20-char id that is stable for a (seed, prefix, key) triple but carries no index (factors, role assignments). */
export function oktaKeyedId(prefix: string, seed: string, key: string): string {
  return `${prefix}${hashChars(`${seed}:${prefix}:${key}`, 20 - prefix.length)}`;
}
