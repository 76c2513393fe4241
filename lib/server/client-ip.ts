import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Request header our own HTTP server sets on every request; any client-sent value is overwritten. */
export const CLIENT_IP_HEADER = "x-verifyd-client-ip";
/**
 * Beside it, our server's per-process secret: proof that our server, not the client, wrote the address.
 * Under a plain `next start` (no server of ours in front) nothing proves it, and the header is ignored.
 */
export const CLIENT_IP_PROOF_HEADER = "x-verifyd-client-ip-proof";
/** Where our server leaves that secret for the app code in the same process (set at start, never configured). */
export const CLIENT_IP_SECRET_ENV = "VERIFYD_CLIENT_IP_SECRET";

/**
 * The caller's address, for rate limits and the audit log. X-Forwarded-For is attacker-controlled except
 * for the entries appended by proxies we run, so with N trusted proxies the client is the N-th address from
 * the right (the socket peer being the last proxy); with none, the socket peer itself. A chain shorter than
 * N did not pass through all our proxies (someone reached a proxy or the app directly), so its entries prove
 * nothing: then the socket peer is the caller.
 */
export function resolveClientIp(request: IncomingMessage, trustedProxyCount: number): string {
  const socketAddress = normaliseAddress(request.socket.remoteAddress ?? "");
  const fallback = isIP(socketAddress) ? socketAddress : "unknown";
  if (trustedProxyCount === 0) return fallback;
  const header = request.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => normaliseAddress(entry.trim()))
    .filter(Boolean);
  if (forwarded.length < trustedProxyCount) return fallback;
  const chain = [...forwarded, socketAddress];
  const candidate = chain[chain.length - 1 - trustedProxyCount] ?? "";
  return isIP(candidate) ? candidate : "unknown";
}

/** Our server's side: replace whatever the client sent with the address it resolved and the proof. */
export function stampClientIp(headers: IncomingHttpHeaders, ip: string, secret: string): void {
  headers[CLIENT_IP_HEADER] = ip;
  headers[CLIENT_IP_PROOF_HEADER] = secret;
}

/**
 * The app's side: the stamped address, or "unknown" (one shared bucket for rate limits) when the request
 * did not come through our server. Never a header value nobody vouched for.
 */
export function readStampedClientIp(headers: { get(name: string): string | null }, secret: string | undefined): string {
  const proof = headers.get(CLIENT_IP_PROOF_HEADER);
  if (!secret || !proof) return "unknown";
  const expected = Buffer.from(secret);
  const given = Buffer.from(proof);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "unknown";
  const ip = headers.get(CLIENT_IP_HEADER) ?? "";
  return isIP(ip) ? ip : "unknown";
}

function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
