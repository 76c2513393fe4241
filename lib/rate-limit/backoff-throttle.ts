import { createHash } from "node:crypto";
import { db } from "@/lib/db/prisma";

/**
 * Growing delays instead of a lockout: the first `freeAttempts` attempts pass; the one that uses the last free
 * attempt, and every attempt after it, blocks the subject for `baseDelaySeconds`, doubling each time up to
 * `maxDelaySeconds`. A streak is forgotten `forgetAfterSeconds` after its last attempt (or reset on success).
 */
export type BackoffRule = {
  /** Namespace, e.g. `sign-in:account+network`. Rules sharing a name share their state. */
  name: string;
  freeAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  forgetAfterSeconds: number;
};

export type BackoffReservation = { reserved: true; attempts: number } | { reserved: false; retryAfterSeconds: number };

/** The row's key. Hashed like rate_limit_bucket's keys: the table never holds an e-mail or an address in clear. */
export function throttleKey(rule: BackoffRule, subject: string): string {
  return `${rule.name}:${createHash("sha256").update(subject.toLowerCase()).digest("base64url")}`;
}

/**
 * Reserves one attempt before the guarded work runs, in a single conditional upsert: while the subject is
 * blocked nothing is counted and the caller is refused; otherwise the attempt is counted (as a failure until the
 * caller resets the streak) and, past the free attempts, the next block is set in the same statement. A parallel
 * burst therefore gets exactly `freeAttempts` reservations, then one per elapsed delay.
 */
export async function reserveBackoffAttempt(rule: BackoffRule, subject: string): Promise<BackoffReservation> {
  const key = throttleKey(rule, subject);
  const rows = await db().$queryRaw<{ attempts: number }[]>`
    INSERT INTO attempt_throttle AS t (key, attempts, "lastAttemptAt", "blockedUntil")
    VALUES (${key}, 1, now(),
      CASE WHEN 1 >= ${rule.freeAttempts}::int THEN now() + make_interval(secs => ${rule.baseDelaySeconds}::float8) END)
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN t."lastAttemptAt" <= now() - make_interval(secs => ${rule.forgetAfterSeconds}::float8)
                      THEN 1 ELSE t.attempts + 1 END,
      "lastAttemptAt" = now(),
      "blockedUntil" = (
        SELECT CASE WHEN n.attempts >= ${rule.freeAttempts}::int
          THEN now() + make_interval(secs => least(${rule.maxDelaySeconds}::float8,
            ${rule.baseDelaySeconds}::float8 * power(2, least(n.attempts - ${rule.freeAttempts}::int, 30))))
          END
        FROM (SELECT CASE WHEN t."lastAttemptAt" <= now() - make_interval(secs => ${rule.forgetAfterSeconds}::float8)
                          THEN 1 ELSE t.attempts + 1 END AS attempts) AS n)
    WHERE t."blockedUntil" IS NULL OR t."blockedUntil" <= now()
    RETURNING attempts`;
  const row = rows[0];
  if (row) return { reserved: true, attempts: row.attempts };
  const blocked = await db().attemptThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
  const retryAfterSeconds = blocked?.blockedUntil ? Math.max(1, Math.ceil((blocked.blockedUntil.getTime() - Date.now()) / 1000)) : 1;
  return { reserved: false, retryAfterSeconds };
}

/** Ends a subject's streak (a successful sign-in): its next attempts are free again. */
export async function resetBackoff(rule: BackoffRule, subject: string): Promise<void> {
  await db().attemptThrottle.deleteMany({ where: { key: throttleKey(rule, subject) } });
}
