import { type BackoffRule, reserveBackoffAttempt, resetBackoff } from "@/lib/rate-limit/backoff-throttle";
import { networkOf } from "@/lib/rate-limit/network-of";
import { hitRateLimit, peekRateLimit, type RateLimitRule, releaseRateLimit, reserveRateLimit } from "@/lib/rate-limit/rate-limit";

/**
 * Password attempts per account and caller network: 5 free, then a wait of 1 minute doubling up to an hour.
 * Keyed by account *and* network, so a burst of wrong passwords slows the attacker's own network only; the
 * real user elsewhere signs in as usual. There is no lockout anyone else can trigger.
 */
export const SIGN_IN_THROTTLE: BackoffRule = {
  name: "sign-in:account+network",
  freeAttempts: 5,
  baseDelaySeconds: 60,
  maxDelaySeconds: 60 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
};

/**
 * Attempts on one account from all networks together. Passing it never refuses anyone: it raises one
 * `security.alert` for the desk per window and leaves every network one free attempt instead of five (an
 * attack spread over many networks slows down; the real user still gets their attempt).
 */
export const SIGN_IN_ACCOUNT_CEILING: RateLimitRule = { name: "sign-in:account", limit: 50, windowSeconds: 60 * 60 };
export const UNDER_ATTACK_FREE_ATTEMPTS = 1;

/** Attempts from one network across all accounts (password spraying); a success gives its place back. */
export const SIGN_IN_NETWORK_RULE: RateLimitRule = { name: "sign-in:ip", limit: 30, windowSeconds: 15 * 60 };

export type SignInSlot =
  | { reserved: true; ceilingReached: boolean }
  | { reserved: false; scope: "network" | "account"; retryAfterSeconds: number };

/** What SIGN_IN_THROTTLE is keyed by: the typed account and the caller's network. */
export function accountOnNetwork(account: string, ip: string): string {
  return `${account}\n${networkOf(ip)}`;
}

/**
 * Reserves one password check for `account` (a typed e-mail, known or not) from `ip`, before any password is
 * verified: each counter is one conditional write, so a parallel burst cannot outrun them. `ceilingReached` is
 * true for exactly one attempt per window: the one that reached the account's ceiling (the caller alerts).
 */
export async function reserveSignInAttempt(account: string, ip: string): Promise<SignInSlot> {
  const network = networkOf(ip);
  const networkSlot = await reserveRateLimit(SIGN_IN_NETWORK_RULE, network);
  if (!networkSlot.reserved) return { reserved: false, scope: "network", retryAfterSeconds: networkSlot.retryAfterSeconds };
  // Reading the ceiling before counting is deliberate: it only chooses how generous the per-network allowance
  // is; the allowance itself is enforced by the conditional write below.
  const underAttack = (await peekRateLimit(SIGN_IN_ACCOUNT_CEILING, account)).limited;
  const rule = underAttack ? { ...SIGN_IN_THROTTLE, freeAttempts: UNDER_ATTACK_FREE_ATTEMPTS } : SIGN_IN_THROTTLE;
  const slot = await reserveBackoffAttempt(rule, accountOnNetwork(account, ip));
  if (!slot.reserved) {
    // Refused before any password was tried: the network's place is given back.
    await releaseRateLimit(SIGN_IN_NETWORK_RULE, network);
    return { reserved: false, scope: "account", retryAfterSeconds: slot.retryAfterSeconds };
  }
  const ceiling = await hitRateLimit(SIGN_IN_ACCOUNT_CEILING, account);
  return { reserved: true, ceilingReached: ceiling.count === SIGN_IN_ACCOUNT_CEILING.limit };
}

/**
 * A right password: the streak on this network ends and the network's place is given back. The account's
 * ceiling keeps the attempt (it counts attempts, and its alert must fire once per window, not again each time
 * a success brings the count back under it).
 */
export async function settleSuccessfulSignIn(account: string, ip: string): Promise<void> {
  await Promise.all([resetBackoff(SIGN_IN_THROTTLE, accountOnNetwork(account, ip)), releaseRateLimit(SIGN_IN_NETWORK_RULE, networkOf(ip))]);
}
