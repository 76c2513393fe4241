import type { Context } from "hono";

/**
 * A large JSON answer, encoded to UTF-8 once. `c.json` hands the server a string: it measures it for
 * Content-Length (Buffer.byteLength) and encodes it again when writing, and for a page that holds one name outside
 * Latin-1 (a two-byte string) each pass costs about as much as building the page. Same bytes on the wire.
 */
export function jsonBytes(c: Context, value: unknown): Response {
  return c.body(Buffer.from(JSON.stringify(value)), 200, { "Content-Type": "application/json" });
}
