import { isIP } from "node:net";

/**
 * The network a caller's address belongs to, for throttles that must follow an attacker rather than one address:
 * IPv4 by /24 (a rented block or an office NAT range), IPv6 by /64 (what one subscriber is routinely given).
 * Anything else (an already bucketed value such as "2001:db8::/64", or "unknown") stands for itself.
 */
export function networkOf(address: string): string {
  const version = isIP(address);
  if (version === 4) return `${address.split(".").slice(0, 3).join(".")}.0/24`;
  if (version === 6) return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
  return address;
}

function expandIpv6(address: string): string[] {
  // An embedded IPv4 tail ("::ffff:192.0.2.1") only touches the last 32 bits, never the /64 prefix.
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = Math.max(0, 8 - left.length - right.length);
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
