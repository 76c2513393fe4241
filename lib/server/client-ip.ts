import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Request header our own HTTP server sets on every request; any client-sent value is overwritten. */
export const CLIENT_IP_HEADER = "x-verifyd-client-ip";

/**
 * The caller's address, for rate limits and the audit log. X-Forwarded-For is attacker-controlled except
 * for the entries appended by proxies we run, so with N trusted proxies the client is the N-th address from
 * the right (the socket peer being the last proxy); with none, the socket peer itself.
 */
export function resolveClientIp(request: IncomingMessage, trustedProxyCount: number): string {
  const socketAddress = normaliseAddress(request.socket.remoteAddress ?? "");
  if (trustedProxyCount === 0) return socketAddress || "unknown";
  const header = request.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => normaliseAddress(entry.trim()))
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  const candidate = chain[chain.length - 1 - trustedProxyCount] ?? chain[0] ?? "";
  return isIP(candidate) ? candidate : "unknown";
}

function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
