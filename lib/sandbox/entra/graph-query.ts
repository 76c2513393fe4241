import type { Context } from "hono";
import { z } from "zod";
import { badRequest, graphError } from "@/lib/sandbox/entra/graph-errors";
import { KNOWN_USER_FIELDS, SINGLE_USER_ONLY_FIELDS } from "@/lib/sandbox/entra/map-person-to-graph-user";

export const MAX_PAGE_SIZE = 999;
export const DEFAULT_PAGE_SIZE = 100;

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** `$select` for users: unknown names are a 400 as in Graph; `birthday` on a collection is Graph's 501. */
export function parseUserSelect(c: Context, options: { collection: boolean }): Parsed<string[] | null> {
  const raw = c.req.query("$select");
  if (raw === undefined || raw.trim() === "") return { ok: true, value: null };
  const names = raw.split(",").map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!KNOWN_USER_FIELDS.has(name)) {
      return { ok: false, response: badRequest(c, `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.user'.`) };
    }
    if (options.collection && SINGLE_USER_ONLY_FIELDS.has(name)) {
      return { ok: false, response: graphError(c, 501, "NotImplemented", "This operation target is not yet supported.") };
    }
  }
  return { ok: true, value: names };
}

/** `$top`: 1..999, default 100; anything else is the 400 Graph answers. */
export function parseTop(c: Context): Parsed<number> {
  const raw = c.req.query("$top");
  if (raw === undefined) return { ok: true, value: DEFAULT_PAGE_SIZE };
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    return { ok: false, response: badRequest(c, `Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`, "Request_UnsupportedQuery") };
  }
  return { ok: true, value: top };
}

/** `Prefer: odata.maxpagesize=N`, the page-size knob delta queries honour instead of `$top`. */
export function preferredPageSize(c: Context, fallback: number): number {
  const match = /odata\.maxpagesize=(\d+)/i.exec(c.req.header("prefer") ?? "");
  const size = match?.[1] ? Number(match[1]) : fallback;
  return Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
}

/** Opaque paging tokens are base64url JSON, checked with a zod schema when they come back. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeToken<T>(raw: string | undefined, schema: z.ZodType<T>): T | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The absolute link to the next page (or the delta link): same path and query as the request, the old paging
 * token swapped for the new one, on the sandbox's public origin.
 */
export function linkWithToken(c: Context, origin: string, name: "$skiptoken" | "$deltatoken", token: string): string {
  const url = new URL(c.req.url);
  const kept = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((part) => part !== "" && !/^(\$|%24)(skiptoken|deltatoken)=/i.test(part));
  kept.push(`${name}=${token}`);
  return `${origin}${url.pathname}?${kept.join("&")}`;
}

export function odataContext(origin: string, fragment: string): string {
  return `${origin}/v1.0/$metadata#${fragment}`;
}
