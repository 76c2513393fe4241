import { describe, expect, it } from "vitest";
import { networkOf } from "@/lib/rate-limit/network-of";

describe("networkOf", () => {
  it("groups IPv4 by /24 and IPv6 by /64", () => {
    expect(networkOf("198.51.100.7")).toBe("198.51.100.0/24");
    expect(networkOf("198.51.100.200")).toBe(networkOf("198.51.100.7"));
    expect(networkOf("198.51.101.7")).not.toBe(networkOf("198.51.100.7"));
    expect(networkOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(networkOf("::1")).toBe("0:0:0:0::/64");
  });

  it("leaves values that are not single addresses as they are", () => {
    expect(networkOf("unknown")).toBe("unknown");
    expect(networkOf("2001:db8:1:2::/64")).toBe("2001:db8:1:2::/64");
  });
});
