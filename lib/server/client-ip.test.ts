import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, CLIENT_IP_PROOF_HEADER, readStampedClientIp, resolveClientIp, stampClientIp } from "@/lib/server/client-ip";

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

  it("takes the socket peer when the chain is shorter than the trusted proxies (a proxy was bypassed)", () => {
    // Two proxies are configured, but the caller reached the app directly with a forged header.
    expect(resolveClientIp(request("203.0.113.9", "6.6.6.6"), 2)).toBe("203.0.113.9");
    expect(resolveClientIp(request("203.0.113.9"), 1)).toBe("203.0.113.9");
  });
});

describe("the client address between our server and the app", () => {
  const secret = "per-process-secret";
  const read = (headers: IncomingHttpHeaders, processSecret: string | undefined) =>
    readStampedClientIp(new Headers(Object.entries(headers).map(([name, value]) => [name, String(value)] as [string, string])), processSecret);

  it("replaces an address and proof the client sent with what our server resolved", () => {
    const headers: IncomingHttpHeaders = { [CLIENT_IP_HEADER]: "6.6.6.6", [CLIENT_IP_PROOF_HEADER]: "guess" };
    stampClientIp(headers, "203.0.113.9", secret);
    expect(read(headers, secret)).toBe("203.0.113.9");
  });

  it("ignores the header under a bare `next start`: no server of ours, no secret, one shared bucket", () => {
    expect(read({ [CLIENT_IP_HEADER]: "6.6.6.6" }, undefined)).toBe("unknown");
    expect(read({ [CLIENT_IP_HEADER]: "6.6.6.6", [CLIENT_IP_PROOF_HEADER]: "anything" }, undefined)).toBe("unknown");
  });

  it("ignores an address without the right proof, and a stamped value that is not an address", () => {
    expect(read({ [CLIENT_IP_HEADER]: "6.6.6.6" }, secret)).toBe("unknown");
    expect(read({ [CLIENT_IP_HEADER]: "6.6.6.6", [CLIENT_IP_PROOF_HEADER]: "per-process-secreT" }, secret)).toBe("unknown");
    expect(read({ [CLIENT_IP_HEADER]: "not-an-ip", [CLIENT_IP_PROOF_HEADER]: secret }, secret)).toBe("unknown");
  });
});
