import type { VerificationStatus } from "@/lib/db/generated/enums";
import { SHOWN_ONCE_SECRET_MINUTES, VERIFIED_PROOF_MINUTES } from "@/lib/verification/requests/verified-window";

/**
 * After VERIFIED the session is the employee's credential for resets: it lives through the reset window plus
 * the time a shown-once secret stays revealable (a reset started in the window's last minute can still be
 * read), and not a minute more.
 */
export const VERIFIED_SESSION_MINUTES = VERIFIED_PROOF_MINUTES + SHOWN_ONCE_SECRET_MINUTES;

/** Any other outcome leaves nothing to do but read the result. */
export const ENDED_SESSION_MINUTES = 15;

const OPEN_STATUSES: readonly VerificationStatus[] = ["PENDING", "OPENED", "IN_PROGRESS"];

/** When the browser session of a verification that just left IN_PROGRESS with `outcome` stops working. */
export function sessionExpiryFor(outcome: VerificationStatus, now = new Date()): Date {
  const minutes = outcome === "VERIFIED" ? VERIFIED_SESSION_MINUTES : ENDED_SESSION_MINUTES;
  return new Date(now.getTime() + minutes * 60_000);
}

type SessionTimes = { status: VerificationStatus; sessionExpiresAt: Date | null; decidedAt: Date | null; cancelledAt: Date | null; expiresAt: Date };

/**
 * Whether a session cookie has outlived its verification. An open verification is bounded by its link lifetime
 * (expire-verification). A closed one by `sessionExpiresAt`, set when it closed; one closed by a path that did
 * not set it (a cancellation) ends the short while after it closed: every closed session ends, none lives on.
 */
export function hasSessionEnded(session: SessionTimes, now = new Date()): boolean {
  if (OPEN_STATUSES.includes(session.status)) return false;
  const closedAt = session.decidedAt ?? session.cancelledAt ?? session.expiresAt;
  const endsAt = session.sessionExpiresAt ?? new Date(closedAt.getTime() + ENDED_SESSION_MINUTES * 60_000);
  return endsAt <= now;
}
