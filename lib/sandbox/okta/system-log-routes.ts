import { Hono, type MiddlewareHandler } from "hono";
import { requireScope } from "@/lib/sandbox/okta/authenticate-api-request";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { LOGS_LIMIT_PER_MINUTE, throttledResponse } from "@/lib/sandbox/okta/rate-limit-headers";
import { matchesScimFilter } from "@/lib/sandbox/okta/scim-filter";
import { encodeLogPosition, type LogEvent } from "@/lib/sandbox/okta/system-log";
import { nextLinkParams, parseLogQuery, resolveLogAttribute } from "@/lib/sandbox/okta/system-log-query";

/**
 * The `throttleNext` knob of `PUT /_sandbox/system-log`: answered before authentication, as the fault injector's
 * 429s are, so a throttled call spends no DPoP proof (the SDK retries with the same one).
 */
export function systemLogThrottle(org: OktaOrg): MiddlewareHandler {
  return async (c, next) => {
    if (org.state.systemLog.takeThrottle()) return throttledResponse(c, LOGS_LIMIT_PER_MINUTE);
    await next();
  };
}

/**
 * `GET /api/v1/logs` (scope okta.logs.read): `since`/`until`/`after`/`filter`/`q`/`limit`/`sortOrder`, a
 * `Link: <...>; rel="self"` on every page and a `rel="next"` one while a bounded query has more, and on every page
 * of a polling query (no `until`, ascending), even an empty one.
 */
export function systemLogRoutes(org: OktaOrg): Hono<OktaApiEnv> {
  const app = new Hono<OktaApiEnv>();

  app.get("/logs", requireScope("okta.logs.read"), (c) => {
    const log = org.state.systemLog;
    const nowMs = Date.now();
    const parsed = parseLogQuery(c.req.query(), nowMs);
    if ("problem" in parsed) return oktaError(c, parsed.problem.code, parsed.problem.causes, parsed.problem.summary);
    const { query } = parsed;
    const keywords = query.keywords.map((keyword) => keyword.toLowerCase());
    const matches = (event: LogEvent) => {
      if (query.filter && !matchesScimFilter(query.filter, (attribute) => resolveLogAttribute(event, attribute))) return false;
      if (keywords.length === 0) return true;
      const text = JSON.stringify(event).toLowerCase();
      return keywords.every((keyword) => text.includes(keyword));
    };
    const { events, more } = log.read({ sinceMs: query.sinceMs, untilMs: query.untilMs, after: query.after, limit: query.limit, order: query.order, matches, nowMs });

    const base = `${org.orgUrl(c)}/api/v1/logs`;
    c.header("Link", `<${base}?${query.params.toString()}>; rel="self"`, { append: true });
    const last = events.at(-1)?.position;
    if (more || query.polling) {
      // An empty polling page keeps its place: the next link asks again from the same position.
      const position = last ?? query.after ?? { publishedMs: Number.isFinite(query.sinceMs) ? query.sinceMs : 0, sequence: 0 };
      c.header("Link", `<${base}?${nextLinkParams(query, encodeLogPosition(position)).toString()}>; rel="next"`, { append: true });
    }
    return c.json(events.map((entry) => entry.event));
  });

  return app;
}
