import { describe, expect, it } from "vitest";
import { rateLimitSubject } from "./rate-limit-subject";

describe("rateLimitSubject", () => {
  it("counts IPv6 addresses per /64, however they are written", () => {
    const prefix = "2001:db8:85a3:42::/64";
    expect(rateLimitSubject("2001:db8:85a3:42::1")).toBe(prefix);
    expect(rateLimitSubject("2001:0db8:85a3:0042:ffff:eeee:dddd:cccc")).toBe(prefix);
    expect(rateLimitSubject("2001:DB8:85A3:42:1:2:3:4")).toBe(prefix);
    expect(rateLimitSubject("2001:db8:85a3:43::1")).toBe("2001:db8:85a3:43::/64");
    expect(rateLimitSubject("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitSubject("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rateLimitSubject("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });

  it("keeps IPv4 (also IPv4-mapped), e-mail addresses and other keys apart", () => {
    expect(rateLimitSubject("203.0.113.9")).toBe("203.0.113.9");
    expect(rateLimitSubject("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(rateLimitSubject("anna@example.com")).toBe("anna@example.com");
    expect(rateLimitSubject("unknown")).toBe("unknown");
  });
});
