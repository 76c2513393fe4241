import { RetryAfterError } from "inngest";
import { ProviderError } from "@/lib/iam/identity-provider";

export type BackoffOptions = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 5 * 60_000 };

/** The wait a RetryAfterError asks for: milliseconds, or an RFC 3339 date. */
function retryAfterMs(error: RetryAfterError): number | null {
  if (/^\d+$/.test(error.retryAfter)) return Number(error.retryAfter);
  const at = Date.parse(error.retryAfter);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * How long to wait before attempt `attempts + 1`: what the provider asked for (Retry-After), else exponential
 * backoff with jitter (so many failing runs do not retry in lockstep), capped.
 */
export function retryDelayMs(error: unknown, attempts: number, backoff: BackoffOptions = DEFAULT_BACKOFF): number {
  const cause = error instanceof Error ? error.cause : undefined;
  if (error instanceof RetryAfterError) {
    const asked = retryAfterMs(error);
    if (asked !== null) return Math.min(asked, backoff.maxMs);
  }
  if (cause instanceof ProviderError && cause.options.retryAfterMs !== undefined) return Math.min(cause.options.retryAfterMs, backoff.maxMs);
  const exponential = backoff.baseMs * 2 ** Math.max(0, attempts - 1);
  return Math.min(backoff.maxMs, Math.round(exponential * (0.75 + Math.random() * 0.5)));
}
