import { createHash } from "node:crypto";

/** 32 hex digits from a SHA-256 of the parts: the raw material of every deterministic id in the tenant. */
function hashHex(...parts: Array<string | number>): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** Shapes 32 hex digits as a version-4 GUID, as Entra's object ids look. */
function asGuid(hex: string): string {
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable GUID for a named object of a seeded tenant (tenant, app, groups, roles...). */
export function seededGuid(seed: string, name: string): string {
  return asGuid(hashHex("verifyd-entra", seed, name));
}

/**
 * User object ids carry their generator index, masked by the seed, in the last 8 hex digits, so
 * `GET /users/{id}` finds the person in O(1) without an id -> index table for 100 000 users. The other
 * 24 digits are a hash of (seed, index) and act as a checksum: a guessed id does not resolve.
 */
export function userIdFor(seed: string, index: number): string {
  const hex = hashHex("user", seed, index);
  const masked = ((index ^ indexMask(seed)) >>> 0).toString(16).padStart(8, "0");
  return asGuid(hex.slice(0, 24) + masked);
}

const indexMasks = new Map<string, number>();

/** Per-seed mask, memoised: it is needed for every id of every page. */
function indexMask(seed: string): number {
  let mask = indexMasks.get(seed);
  if (mask === undefined) {
    mask = parseInt(hashHex("user-mask", seed).slice(0, 8), 16);
    indexMasks.set(seed, mask);
  }
  return mask;
}

/** The generator index of a user id, or null when the id was not made by `userIdFor` for this seed. */
export function indexFromUserId(seed: string, id: string): number | null {
  const match = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}([0-9a-f]{8})$/i.exec(id);
  if (!match?.[1]) return null;
  const masked = parseInt(match[1], 16);
  const index = (masked ^ indexMask(seed)) >>> 0;
  return userIdFor(seed, index) === id.toLowerCase() ? index : null;
}

/** A stable GUID for one of a user's authentication methods. */
export function methodIdFor(seed: string, index: number, kind: string): string {
  return asGuid(hashHex("method", seed, index, kind));
}

/** A client secret in the shape Entra shows once after "New client secret" (40 characters with a `~`). */
export function seededSecret(seed: string, name: string): string {
  const body = createHash("sha256").update(`secret\u0000${seed}\u0000${name}`).digest("base64url");
  return `${body.slice(0, 3)}8Q~${body.slice(3, 37)}`;
}

/** The tenant's initial domain, `<seed>.onmicrosoft.com` folded to a valid DNS label. */
export function tenantDomainFor(seed: string): string {
  const label = seed.toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 27) || "sandbox";
  return `${label}.onmicrosoft.com`;
}
