/**
 * How undelivered messages are retried: attempts are counted when claimed (so a crashed attempt counts too),
 * waits double from a minute up to an hour, and after the eighth attempt (about two hours after the first) a
 * message is FAILED for good and stays visible in the console's outbox. A message nobody could send within a
 * day is not sent late: links and codes in it have expired, and a notice that late misleads.
 */
export const OUTBOX_RETRY = {
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  /** An attempt in progress holds its message this long (longer than any transport's timeouts). */
  leaseMs: 5 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
} as const;

/**
 * When attempt `attempts + 1` may start after attempt `attempts` failed; null once the cap is reached. A little
 * jitter, so messages that failed together (an SMTP outage) do not all come back in the same minute.
 */
export function nextOutboxAttemptAt(attempts: number, now: Date, random: () => number = Math.random): Date | null {
  if (attempts >= OUTBOX_RETRY.maxAttempts) return null;
  const delay = Math.min(OUTBOX_RETRY.maxDelayMs, OUTBOX_RETRY.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + Math.round(delay * (1 + random() * 0.25)));
}
