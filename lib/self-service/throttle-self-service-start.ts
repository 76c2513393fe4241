import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { type BackoffRule, reserveBackoffAttempt } from "@/lib/rate-limit/backoff-throttle";
import { networkOf } from "@/lib/rate-limit/network-of";
import { hitRateLimit, peekRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";

/**
 * Portal starts per typed address and caller network: 5 free, then a wait of 1 minute doubling up to an hour.
 * Keyed by address *and* network, so someone typing a colleague's address over and over slows down their own
 * network only; the employee's own starts from elsewhere go through (a per-address limit handed anyone a switch
 * that locked an employee out of their own recovery).
 */
export const PORTAL_START_THROTTLE: BackoffRule = {
  name: "portal:start:address+network",
  freeAttempts: 5,
  baseDelaySeconds: 60,
  maxDelaySeconds: 60 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
};

/**
 * Starts for one address from all networks together. Passing it refuses nobody: it raises one `security.alert`
 * per window and leaves every network one free start instead of five.
 */
export const PORTAL_START_ADDRESS_CEILING: RateLimitRule = { name: "portal:start:address-all", limit: 20, windowSeconds: 60 * 60 };
export const PORTAL_UNDER_ATTACK_FREE_STARTS = 1;

export type SelfServiceStartSlot = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const PORTAL_ACTOR = { type: "ANONYMOUS" as const, label: "self-service portal" };

/**
 * Takes a start's place in the throttle before anything is created, in one conditional write. Known and unknown
 * addresses run exactly the same statements (the throttle never looks the address up), so neither the answer
 * nor its timing tells them apart. Neither the typed address nor whether it matched is audited (DECISIONS §25).
 */
export async function throttleSelfServiceStart(address: string, request: RequestContext): Promise<SelfServiceStartSlot> {
  const network = networkOf(request.ip);
  // Read first on purpose: the ceiling only chooses how generous the per-network allowance is; the allowance
  // itself is enforced by the conditional write.
  const underAttack = (await peekRateLimit(PORTAL_START_ADDRESS_CEILING, address)).limited;
  const rule = underAttack ? { ...PORTAL_START_THROTTLE, freeAttempts: PORTAL_UNDER_ATTACK_FREE_STARTS } : PORTAL_START_THROTTLE;
  const slot = await reserveBackoffAttempt(rule, `${address}\n${network}`);
  if (!slot.reserved) {
    await recordAuditEvent(db(), { actor: PORTAL_ACTOR, action: "self_service.rate_limited", request, details: { limit: "address+network" } });
    return { allowed: false, retryAfterSeconds: slot.retryAfterSeconds };
  }
  const ceiling = await hitRateLimit(PORTAL_START_ADDRESS_CEILING, address);
  if (ceiling.count === PORTAL_START_ADDRESS_CEILING.limit) {
    await recordAuditEvent(db(), {
      actor: { type: "SYSTEM", label: "self-service throttle" },
      action: "security.alert",
      request,
      details: {
        kind: "self_service_starts_ceiling",
        starts: PORTAL_START_ADDRESS_CEILING.limit,
        windowMinutes: PORTAL_START_ADDRESS_CEILING.windowSeconds / 60,
        effect: `every network now gets ${PORTAL_UNDER_ATTACK_FREE_STARTS} free start for this address before the waits begin; nobody is locked out`,
      },
    });
  }
  return { allowed: true };
}
