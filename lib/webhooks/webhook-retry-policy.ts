/**
 * How deliveries are retried, after the Standard Webhooks recommendation (and Svix's schedule): at once, then
 * after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; after the eighth attempt (about 28 hours) the delivery is
 * FAILED and stays replayable. An endpoint failing every attempt for a day (and at least 10 in a row) is disabled:
 * a receiver that is gone should not be called for ever, and its admins are told.
 */
export const WEBHOOK_RETRY = {
  delaysMs: [5_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000, 5 * 60 * 60_000, 10 * 60 * 60_000, 10 * 60 * 60_000],
  /** Each attempt's deadline for connect, TLS, headers and body: a slow receiver holds one job step no longer. */
  timeoutMs: 10_000,
  /** An attempt in progress holds its delivery this long (well past the timeout): a crashed one is retried then. */
  leaseMs: 60_000,
  disableAfterFailures: 10,
  disableAfterFailingMs: 24 * 60 * 60_000,
} as const;

export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY.delaysMs.length + 1;

/**
 * When attempt `attempts + 1` may start after attempt `attempts` failed; null once the last one failed. Up to 10%
 * jitter, so deliveries that failed together (a receiver's outage) do not all come back in the same second.
 */
export function nextWebhookAttemptAt(attempts: number, now: Date, random: () => number = Math.random): Date | null {
  const delay = WEBHOOK_RETRY.delaysMs[attempts - 1];
  if (attempts < 1 || delay === undefined) return null;
  return new Date(now.getTime() + Math.round(delay * (1 + random() * 0.1)));
}

/** Whether an endpoint's run of failures (after the attempt just recorded) is long enough to disable it. */
export function shouldDisableEndpoint(health: { consecutiveFailures: number; failingSince: Date | null }, now: Date): boolean {
  if (!health.failingSince) return false;
  return health.consecutiveFailures >= WEBHOOK_RETRY.disableAfterFailures && now.getTime() - health.failingSince.getTime() >= WEBHOOK_RETRY.disableAfterFailingMs;
}
