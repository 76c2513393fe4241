import { isIP } from "node:net";
import { rateLimitSubject } from "@/lib/rate-limit/rate-limit-subject";

/**
 * The network a caller's address belongs to, for throttles that must follow an attacker rather than one address:
 * IPv4 by /24 (a rented block or an office NAT range), IPv6 by /64 (what one subscriber is routinely given; the
 * prefix is rateLimitSubject's, IPv4-mapped addresses counting as IPv4). Anything else (an already bucketed value
 * such as "2001:db8::/64", or "unknown") stands for itself.
 */
export function networkOf(address: string): string {
  const subject = rateLimitSubject(address);
  return isIP(subject) === 4 ? `${subject.split(".").slice(0, 3).join(".")}.0/24` : subject;
}
