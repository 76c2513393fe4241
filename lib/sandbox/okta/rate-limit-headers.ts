import type { Context, MiddlewareHandler } from "hono";
import { oktaErrorBody } from "@/lib/sandbox/okta/okta-errors";

/** Okta's default per-minute limit for the Users API on a small org; reported, not enforced. */
const LIMIT_PER_MINUTE = 600;
/** The `/api/v1/logs` bucket's org-wide limit (developer.okta.com rate limits: 120 requests per minute). */
export const LOGS_LIMIT_PER_MINUTE = 120;

/**
 * Adds `X-Rate-Limit-*` and `Date` to every response: the SDK retries a 429 only when it has both
 * `x-rate-limit-reset` and `Date` (delay = reset - Date + 1 s). Counts calls per wall-clock minute. A bucket
 * registered for a narrower path after a wider one wins (its headers are set first; the wider one keeps them).
 */
export function rateLimitHeaders(limitPerMinute = LIMIT_PER_MINUTE): MiddlewareHandler {
  let windowStart = 0;
  let used = 0;
  return async (c, next) => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const window = nowSeconds - (nowSeconds % 60);
    if (window !== windowStart) {
      windowStart = window;
      used = 0;
    }
    used += 1;
    await next();
    if (c.res.headers.has("X-Rate-Limit-Reset")) return;
    c.res.headers.set("X-Rate-Limit-Limit", String(limitPerMinute));
    c.res.headers.set("X-Rate-Limit-Remaining", String(Math.max(0, limitPerMinute - used)));
    c.res.headers.set("X-Rate-Limit-Reset", String(window + 60));
    c.res.headers.set("Date", new Date(nowSeconds * 1000).toUTCString());
  };
}

/**
 * The 429 the fault injector sends. The window "resets" at the current second, so the SDK waits about
 * one second (reset - Date + 1 s) before retrying: realistic enough, and keeps tests quick.
 */
export function throttledResponse(c: Context, limitPerMinute = LIMIT_PER_MINUTE): Response {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return c.json(oktaErrorBody("E0000047"), 429, {
    "X-Rate-Limit-Limit": String(limitPerMinute),
    "X-Rate-Limit-Remaining": "0",
    "X-Rate-Limit-Reset": String(nowSeconds),
    Date: new Date(nowSeconds * 1000).toUTCString(),
  });
}

export function serverErrorResponse(c: Context): Response {
  return c.json(oktaErrorBody("E0000010"), 503);
}
