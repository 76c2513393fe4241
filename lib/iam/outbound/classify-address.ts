import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * Addresses an outbound call to an identity provider must never reach: this host, the private networks it sits
 * in, and the cloud metadata services (169.254.169.254 and friends hand out the machine's credentials). A vendor
 * cloud is always on public addresses, so anything else means a misconfiguration or an attack (SSRF, DNS rebinding).
 */
const NON_PUBLIC = new BlockList();
const LOOPBACK = new BlockList();

for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT (Alibaba's metadata service is 100.100.100.200)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, incl. the AWS/GCP/Azure metadata service
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, incl. broadcast
  ["168.63.129.16", 32], // Azure's WireServer: a public-looking address that only the VM's host answers
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback and the deprecated IPv4-compatible range
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo, ORCHID, ...)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: embeds an IPv4 address we would have to trust blindly
  ["fc00::", 7], // unique local (AWS's IPv6 metadata service is fd00:ec2::254)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv6");
}
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** The 8 groups of an IPv6 address as numbers (handles `::` and a trailing dotted quad). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** The IPv4 address a NAT64 (64:ff9b::/96) address stands for; the mapped form ::ffff:a.b.c.d BlockList handles itself. */
function nat64Target(address: string): string | null {
  const groups = ipv6Groups(address);
  if (groups[0] !== 0x64 || groups[1] !== 0xff9b || groups.slice(2, 6).some((group) => group !== 0)) return null;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether a resolved (or literal) address may be connected to. `allowLoopback` is for the built-in sandbox
 * tenants, which listen on this machine; it never opens link-local, private or metadata addresses.
 */
export function classifyAddress(address: string, options: { allowLoopback: boolean }): AddressVerdict {
  const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
  if (!family) return { allowed: false, reason: "not an IP address" };
  if (options.allowLoopback && LOOPBACK.check(address, family)) return { allowed: true };
  if (NON_PUBLIC.check(address, family)) return { allowed: false, reason: `${address} is a private, loopback, link-local or reserved address` };
  const embedded = family === "ipv6" ? nat64Target(address) : null;
  if (embedded && NON_PUBLIC.check(embedded, "ipv4")) return { allowed: false, reason: `${address} translates to the private address ${embedded}` };
  return { allowed: true };
}
