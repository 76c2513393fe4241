import { z } from "zod";
import { parseScimFilter, type ScimFilter, ScimFilterError, scimComparisons, type ScimValue } from "@/lib/sandbox/okta/scim-filter";
import { decodeLogPosition, LOG_MAX_SINCE_AGE_MS, type LogEvent, type LogPosition } from "@/lib/sandbox/okta/system-log";

/** `limit` of `GET /api/v1/logs`: "Integer between 0 and 1000", default 100. */
export const LOG_MAX_LIMIT = 1000;
const LOG_DEFAULT_LIMIT = 100;
const DEFAULT_WINDOW_MS = 7 * 86_400_000;
const DATE_MESSAGE = "The date format in your query is not recognized. Please enter dates using ISO8601 string format.";

/** The LogEvent attributes a filter may name (`published` may not: it would fight `since`/`until`, as Okta says). */
const FILTER_ATTRIBUTES: Record<string, (event: LogEvent) => ScimValue[]> = {
  uuid: (event) => [event.uuid],
  eventType: (event) => [event.eventType],
  severity: (event) => [event.severity],
  displayMessage: (event) => [event.displayMessage],
  legacyEventType: (event) => [event.legacyEventType],
  "actor.id": (event) => [event.actor.id],
  "actor.type": (event) => [event.actor.type],
  "actor.alternateId": (event) => [event.actor.alternateId],
  "actor.displayName": (event) => [event.actor.displayName],
  "target.id": (event) => event.target.map((target) => target.id),
  "target.type": (event) => event.target.map((target) => target.type),
  "target.alternateId": (event) => event.target.map((target) => target.alternateId),
  "target.displayName": (event) => event.target.map((target) => target.displayName),
  "outcome.result": (event) => [event.outcome.result],
  "client.ipAddress": (event) => [event.client.ipAddress],
  "transaction.id": (event) => [event.transaction.id],
};

export function resolveLogAttribute(event: LogEvent, attribute: string): ScimValue[] {
  return FILTER_ATTRIBUTES[attribute]?.(event) ?? [];
}

const isoDate = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)), { error: DATE_MESSAGE })
  .transform((value) => Date.parse(value));

const rawQuerySchema = z.object({
  since: isoDate.optional(),
  until: isoDate.optional(),
  after: z.string().min(1).max(500).optional(),
  filter: z.string().max(2000).optional(),
  q: z.string().optional(),
  limit: z.coerce.number({ error: "must be an integer between 0 and 1000" }).int({ error: "must be an integer between 0 and 1000" }).min(0, { error: "must be an integer between 0 and 1000" }).max(LOG_MAX_LIMIT, { error: "must be an integer between 0 and 1000" }).optional(),
  sortOrder: z.enum(["ASCENDING", "DESCENDING"]).optional(),
});

export type LogQuery = {
  sinceMs: number;
  untilMs: number | null;
  after: LogPosition | null;
  filter: ScimFilter | null;
  keywords: string[];
  limit: number;
  order: "ASCENDING" | "DESCENDING";
  /** No `until` and ascending order: Okta's polling request, whose pages never end (a next link every time). */
  polling: boolean;
  /** The request's own parameters, for the self and next links. */
  params: URLSearchParams;
};

export type LogQueryProblem = { code: "E0000001" | "E0000053"; summary: string; causes: string[] };

/** Validates a `GET /api/v1/logs` query the way Okta answers it (400 E0000001 / E0000053 with Okta's wording). */
export function parseLogQuery(query: Record<string, string>, nowMs: number): { query: LogQuery } | { problem: LogQueryProblem } {
  const parsed = rawQuerySchema.safeParse(query);
  if (!parsed.success) {
    const causes = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    const named = parsed.error.issues.map((issue) => `'${issue.path.join(".")}': ${issue.message}.`).join(" ");
    return { problem: { code: "E0000001", summary: `Api validation failed: ${named}`, causes } };
  }
  const raw = parsed.data;
  if (raw.since !== undefined && raw.since < nowMs - LOG_MAX_SINCE_AGE_MS) {
    return { problem: { code: "E0000053", summary: "Invalid parameter: The since parameter is over 180 days prior to the current day.", causes: [] } };
  }
  let after: LogPosition | null = null;
  if (raw.after !== undefined) {
    const position = decodeLogPosition(raw.after);
    if (!position) return { problem: { code: "E0000001", summary: "Api validation failed: 'after': Invalid paging cursor.", causes: ["after: Invalid paging cursor."] } };
    after = position;
  }
  let filter: ScimFilter | null = null;
  if (raw.filter !== undefined && raw.filter.trim() !== "") {
    try {
      filter = parseScimFilter(raw.filter);
    } catch (error) {
      if (!(error instanceof ScimFilterError)) throw error;
      return { problem: { code: "E0000053", summary: `Invalid filter '${raw.filter}': ${error.message}`, causes: [] } };
    }
    const unknown = scimComparisons(filter).find((comparison) => !(comparison.attribute in FILTER_ATTRIBUTES));
    if (unknown) return { problem: { code: "E0000053", summary: `field is not valid: ${unknown.attribute}`, causes: [] } };
  }
  const keywords = (raw.q ?? "").split(/\s+/).filter(Boolean);
  if (keywords.some((keyword) => keyword.length > 40) || keywords.length > 10) {
    const summary = "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.";
    return { problem: { code: "E0000001", summary, causes: [] } };
  }
  const order = raw.sortOrder ?? "ASCENDING";
  const untilMs = raw.until ?? null;
  const polling = untilMs === null && order === "ASCENDING";
  // Following a next link carries the position in `after`; the default window only bounds a first request.
  const sinceMs = raw.since ?? (after !== null ? Number.NEGATIVE_INFINITY : (untilMs ?? nowMs) - DEFAULT_WINDOW_MS);
  const params = new URLSearchParams(Object.entries(query).filter(([name]) => name in rawQuerySchema.shape));
  return { query: { sinceMs, untilMs: order === "DESCENDING" && untilMs === null ? nowMs : untilMs, after, filter, keywords, limit: raw.limit ?? LOG_DEFAULT_LIMIT, order, polling, params } };
}

/**
 * The next link's parameters: the request's, with `after` set to where this page stopped. A polling request
 * drops `since` (the position is in `after`); a bounded one keeps `since` and `until`, as Okta's own links do.
 */
export function nextLinkParams(query: LogQuery, after: string): URLSearchParams {
  const params = new URLSearchParams(query.params);
  if (query.polling) params.delete("since");
  params.set("after", after);
  return params;
}
