import { isIP } from "node:net";

/**
 * The subject a rate-limit bucket is kept for. An IPv6 client usually holds a whole /64 (SLAAC, privacy
 * addresses) and can pick a fresh address per request from it, so IPv6 addresses count per /64 prefix.
 * IPv4 addresses, e-mail addresses and other keys are kept as they are.
 */
export function rateLimitSubject(subject: string): string {
  const address = subject.split("%")[0] ?? subject; // a zone index (fe80::1%eth0) is not part of the address
  if (isIP(address) !== 6) return subject;
  // An IPv4 client seen through a dual-stack socket is that IPv4 address, not a /64 shared with all of them.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return mapped;
  return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, without leading zeros ("::" and a dotted IPv4 tail expanded). */
function ipv6Groups(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("::");
  const parse = (part: string) =>
    part
      .split(":")
      .filter(Boolean)
      .flatMap((group) => {
        if (!group.includes(".")) return [Number.parseInt(group, 16).toString(16)];
        const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
        return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
      });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
}
