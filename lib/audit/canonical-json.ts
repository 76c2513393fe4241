/** A JSON value as it comes back from the database (jsonb parsed by JSON.parse); Prisma's JsonValue fits. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/**
 * One fixed text for a JSON value, whatever order its keys were written or stored in (jsonb reorders them):
 * object keys sorted by code unit, no whitespace, strings and numbers as JSON.stringify writes them. The audit
 * chain hashes this, so the writer and the verifier must agree on it byte for byte.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  // Undefined members are left out, as JSON.stringify (and so the stored jsonb) leaves them out.
  const entries = Object.entries(value).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}

// Array.isArray does not narrow readonly arrays.
function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}
