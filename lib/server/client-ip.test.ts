import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { resolveClientIp } from "@/lib/server/client-ip";

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} } as IncomingMessage;
}

describe("client IP resolution", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (it is client-controlled)", () => {
    expect(resolveClientIp(request("203.0.113.9", "1.2.3.4"), 0)).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 socket addresses", () => {
    expect(resolveClientIp(request("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("takes the address our proxy saw, not what the client prepended", () => {
    // client forged "6.6.6.6"; the proxy appended the real peer 198.51.100.7; the socket is the proxy.
    expect(resolveClientIp(request("10.0.0.2", "6.6.6.6, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(resolveClientIp(request("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
  });

  it("refuses garbage", () => {
    expect(resolveClientIp(request("10.0.0.2", "not-an-ip"), 1)).toBe("unknown");
  });
});
