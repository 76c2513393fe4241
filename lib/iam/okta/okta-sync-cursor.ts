import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";

/**
 * The Okta adapter's positions, opaque to the product (base64url JSON, zod-checked when they come back; design in
 * README.md of this folder). The System Log has no delta token: the adapter keeps its own position, a time on
 * Okta's clock, plus the uuids of the events it applied near that time, so a re-read window can be replayed
 * without applying an event twice.
 */

/** One applied event: its uuid and `published` time (epoch ms), kept while it can still come back in a re-read. */
const seenSchema = z.object({ u: z.string().min(1).max(100), t: z.number().int() });
export type SeenEvent = z.infer<typeof seenSchema>;

/** The delta link: read the System Log from `at` (minus the look-back window) next time. */
export const oktaDeltaLinkSchema = z.object({ v: z.literal(1), at: z.iso.datetime(), seen: z.array(seenSchema).max(2000) });
export type OktaDeltaLink = z.infer<typeof oktaDeltaLinkSchema>;

/** Where a full pass stands: Okta's `after` for the next members page, and the log position taken before page 1. */
export const oktaFullCursorSchema = z.object({ v: z.literal(1), kind: z.literal("full"), after: z.string().min(1).max(1000), log: oktaDeltaLinkSchema.nullable() });
export type OktaFullCursor = z.infer<typeof oktaFullCursorSchema>;

/**
 * Where an incremental run stands. `log`: reading the System Log; `query` is the next link's query string (the
 * URL is rebuilt on the org URL, so a stored cursor can never send the token elsewhere). `resolve`: re-reading the
 * changed users, `done` of `candidates` so far. `at` and `seen` become the next delta link.
 */
export const oktaDeltaCursorSchema = z.object({
  v: z.literal(1),
  kind: z.literal("delta"),
  phase: z.enum(["log", "resolve"]),
  query: z.string().max(8000).nullable(),
  at: z.iso.datetime(),
  seen: z.array(seenSchema).max(4000),
  candidates: z.array(z.string().min(1).max(100)).max(5000),
  done: z.number().int().min(0),
});
export type OktaDeltaCursor = z.infer<typeof oktaDeltaCursorSchema>;

export function encodeOktaCursor(value: OktaDeltaLink | OktaFullCursor | OktaDeltaCursor): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decode<Schema extends z.ZodType>(schema: Schema, text: string): z.output<Schema> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const expired = (what: string) => new ProviderError(`The stored Okta sync position (${what}) is not readable: the sync starts over with a full pass.`, { retryable: false, problem: "delta_expired" });

export function decodeOktaDeltaLink(text: string): OktaDeltaLink {
  const link = decode(oktaDeltaLinkSchema, text);
  if (!link) throw expired("delta link");
  return link;
}

export function decodeOktaDeltaCursor(text: string): OktaDeltaCursor {
  const cursor = decode(oktaDeltaCursorSchema, text);
  if (!cursor) throw expired("incremental page");
  return cursor;
}

/**
 * A full pass's cursor. Cursors written before the System Log sync were Okta's bare `after` value: such a pass
 * goes on without a log position (it stores no delta link; the next full pass does).
 */
export function decodeOktaFullCursor(text: string): OktaFullCursor {
  const cursor = decode(oktaFullCursorSchema, text);
  if (cursor) return cursor;
  const legacy = z.string().min(1).max(1000).regex(/^[\w.~-]+$/).safeParse(text);
  if (!legacy.success) throw new ProviderError("The stored Okta paging position is not readable: start a full sync again.", { retryable: false, problem: "unknown" });
  return { v: 1, kind: "full", after: legacy.data, log: null };
}
