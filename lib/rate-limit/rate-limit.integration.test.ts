import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hitRateLimit, peekRateLimit } from "./rate-limit";

describe("rate limits by network address", () => {
  it("counts every address of one IPv6 /64 in one bucket, even in a parallel burst", async () => {
    const rule = { name: `test-v6-${randomBytes(4).toString("hex")}`, limit: 5, windowSeconds: 60 };
    // One client rotating through its /64, as privacy addresses allow: 20 addresses, 20 hits, one counter.
    const addresses = Array.from({ length: 20 }, (_, index) => `2001:db8:1:2:${index.toString(16)}:aa:bb:cc`);
    await Promise.all(addresses.map((address) => hitRateLimit(rule, address)));
    expect(await peekRateLimit(rule, "2001:db8:1:2::1")).toMatchObject({ limited: true, count: 20 });
    // The neighbouring /64 is someone else.
    expect(await peekRateLimit(rule, "2001:db8:1:3::1")).toMatchObject({ limited: false, count: 0 });
  });

  it("keeps IPv4 addresses apart", async () => {
    const rule = { name: `test-v4-${randomBytes(4).toString("hex")}`, limit: 5, windowSeconds: 60 };
    await hitRateLimit(rule, "203.0.113.1");
    expect(await peekRateLimit(rule, "203.0.113.2")).toMatchObject({ count: 0 });
  });
});
