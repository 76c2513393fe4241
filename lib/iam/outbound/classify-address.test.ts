import { describe, expect, it } from "vitest";
import { classifyAddress } from "@/lib/iam/outbound/classify-address";

const refused = [
  "127.0.0.1",
  "127.1.2.3",
  "10.0.0.5",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.1",
  "169.254.169.254", // AWS, GCP, Azure instance metadata
  "169.254.0.1",
  "100.64.0.1", // CGNAT
  "100.100.100.200", // Alibaba metadata (inside CGNAT)
  "168.63.129.16", // Azure WireServer
  "0.0.0.0",
  "224.0.0.1",
  "255.255.255.255",
  "::1",
  "::",
  "::ffff:127.0.0.1", // IPv4-mapped loopback
  "::ffff:169.254.169.254",
  "::ffff:a9fe:a9fe", // the same, in hex
  "64:ff9b::a00:1", // NAT64 of 10.0.0.1
  "fd00:ec2::254", // AWS IPv6 metadata (ULA)
  "fc00::1",
  "fe80::1",
  "fe80::1%eth0",
  "ff02::1",
  "2001:db8::1",
  "2002:a00:1::1", // 6to4 of 10.0.0.1
];

const allowed = ["20.190.128.1", "52.96.0.1", "8.8.8.8", "2603:1036::1", "2a01:111:f100::1", "64:ff9b::808:808" /* NAT64 of 8.8.8.8 */];

describe("classifyAddress", () => {
  it.each(refused)("refuses %s", (address) => {
    expect(classifyAddress(address, { allowLoopback: false }).allowed).toBe(false);
  });

  it.each(allowed)("allows the public address %s", (address) => {
    expect(classifyAddress(address, { allowLoopback: false })).toEqual({ allowed: true });
  });

  it("opens loopback for the sandbox, and nothing else", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) expect(classifyAddress(address, { allowLoopback: true })).toEqual({ allowed: true });
    for (const address of ["169.254.169.254", "10.0.0.1", "fd00:ec2::254", "192.168.0.1"]) expect(classifyAddress(address, { allowLoopback: true }).allowed).toBe(false);
  });

  it("refuses what is not an address", () => {
    expect(classifyAddress("localhost", { allowLoopback: true }).allowed).toBe(false);
  });
});
