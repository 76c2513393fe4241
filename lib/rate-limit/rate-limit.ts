import { createHash } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { rateLimitSubject } from "@/lib/rate-limit/rate-limit-subject";

export type RateLimitRule = {
  /** Namespace, e.g. `sign-in:account`. */
  name: string;
  limit: number;
  windowSeconds: number;
};

export type RateLimitState = { limited: boolean; count: number; retryAfterSeconds: number };

// Keys are hashed so the table never holds an e-mail or IP address in clear.
function bucketKey(rule: RateLimitRule, subject: string): string {
  return `${rule.name}:${createHash("sha256").update(rateLimitSubject(subject).toLowerCase()).digest("base64url")}`;
}

type BucketRow = { count: number; window_start: Date };

function toState(rule: RateLimitRule, row: BucketRow | undefined): RateLimitState {
  if (!row) return { limited: false, count: 0, retryAfterSeconds: 0 };
  const retryAfterSeconds = Math.max(
    0,
    Math.ceil((row.window_start.getTime() + rule.windowSeconds * 1000 - Date.now()) / 1000),
  );
  return { limited: row.count >= rule.limit, count: row.count, retryAfterSeconds };
}

/** Reads a fixed-window counter without changing it (counts from an expired window are ignored). */
export async function peekRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitState> {
  const rows = await db().$queryRaw<BucketRow[]>`
    SELECT count, "windowStart" AS window_start FROM rate_limit_bucket
    WHERE key = ${bucketKey(rule, subject)}
      AND "windowStart" > now() - make_interval(secs => ${rule.windowSeconds})`;
  return toState(rule, rows[0]);
}

/**
 * Counts one hit in PostgreSQL with a single atomic upsert, so every app instance shares the counter and
 * concurrent requests cannot slip past the limit between a read and a write.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitState> {
  const rows = await db().$queryRaw<BucketRow[]>`
    INSERT INTO rate_limit_bucket (key, "windowStart", count)
    VALUES (${bucketKey(rule, subject)}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_bucket."windowStart" <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN 1 ELSE rate_limit_bucket.count + 1 END,
      "windowStart" = CASE WHEN rate_limit_bucket."windowStart" <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN now() ELSE rate_limit_bucket."windowStart" END
    RETURNING count, "windowStart" AS window_start`;
  return toState(rule, rows[0]);
}

/**
 * Reserves one attempt before the guarded work runs: a single conditional upsert counts the attempt only while
 * the window has room, so a parallel burst gets exactly `limit` reservations and every other request is refused
 * without doing the work (checking first and counting afterwards let a burst through between the two).
 */
export async function reserveRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitState & { reserved: boolean }> {
  const rows = await db().$queryRaw<BucketRow[]>`
    INSERT INTO rate_limit_bucket (key, "windowStart", count)
    VALUES (${bucketKey(rule, subject)}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_bucket."windowStart" <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN 1 ELSE rate_limit_bucket.count + 1 END,
      "windowStart" = CASE WHEN rate_limit_bucket."windowStart" <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN now() ELSE rate_limit_bucket."windowStart" END
    WHERE rate_limit_bucket.count < ${rule.limit}
       OR rate_limit_bucket."windowStart" <= now() - make_interval(secs => ${rule.windowSeconds})
    RETURNING count, "windowStart" AS window_start`;
  const row = rows[0];
  if (!row) return { ...(await peekRateLimit(rule, subject)), limited: true, reserved: false };
  return { ...toState(rule, row), limited: false, reserved: true };
}

/** Gives back a reservation whose attempt turned out not to count (e.g. a successful sign-in). */
export async function releaseRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await db().$executeRaw`
    UPDATE rate_limit_bucket SET count = count - 1 WHERE key = ${bucketKey(rule, subject)} AND count > 0`;
}

/** Forgets a subject's counter (e.g. an account's failures after it signs in successfully). */
export async function resetRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key: bucketKey(rule, subject) } });
}
