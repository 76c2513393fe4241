/**
 * How long housekeeping keeps records that have served their purpose. The audit log is never pruned (the
 * database refuses it anyway); everything here is operational state, and what a deletion removes that someone
 * might look for (verifications) leaves an audit event naming it.
 */
export const RETENTION_DAYS = {
  /**
   * Rate-limit buckets whose window started this long ago, and throttle streaks whose last attempt is as old.
   * Longer than any rule's window (the longest today is an hour) and than a streak's memory (a day): a row
   * deleted while it still counts would forget the attempts counted in it.
   */
  rateLimitBuckets: 7,
  /** Console sessions this long after they were revoked or expired (sign-ins and sign-outs are audited). */
  consoleSessions: 30,
  /** Finished job runs (COMPLETED / FAILED) and their memoised steps, after their last update. */
  jobRuns: 7,
  /** Message bodies kept in the outbox (the console was their delivery, or delivery failed), after creation. */
  outboxBodies: 7,
  /** Self-service attempts whose address matched nobody, after creation (they concern nobody). */
  unmatchedVerifications: 7,
  /** Verifications that ended without a decision (EXPIRED, CANCELLED), after creation. */
  endedVerifications: 30,
  /**
   * IdP authorization transactions after creation: each lives minutes (request_uri a minute, code a minute);
   * what happened is in the audit log and on the verification.
   */
  idvAuthorizations: 1,
  /** Wallet ID requests after they lapsed (five minutes after issue): the outcome is in the audit log and the evidence. */
  walletPresentations: 1,
  /** Finished webhook deliveries (delivered or given up) with their attempts, after creation: the console's history. */
  webhookDeliveries: 30,
} as const;

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60_000);
}
