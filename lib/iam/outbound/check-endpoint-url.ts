/**
 * Which sandbox origins a check accepts: the ones this process runs (server), or, in the browser, which cannot
 * know them, any loopback origin (the server checks again with the real list).
 */
export type SandboxOriginsRule = readonly string[] | "any-loopback";

export type EndpointCheck = { ok: true; origin: string; sandbox: boolean } | { ok: false; message: string };

const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The rules every identity-provider endpoint shares: an absolute https URL naming a host only (no credentials,
 * path, query or port), on a host the vendor check accepts; or exactly the origin of a running sandbox tenant.
 * The vendor folders supply `acceptsHost` and the messages (lib/iam/entra, lib/iam/okta).
 */
export function checkEndpointUrl(
  value: string,
  rule: { label: string; acceptsHost: (hostname: string) => boolean; sandboxOrigins: SandboxOriginsRule; example: string; refusedHost: (hostname: string) => string },
): EndpointCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, message: `Enter a full URL, e.g. ${rule.example}` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: `Use an https URL, e.g. ${rule.example}` };
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
    return { ok: false, message: `Use the host only, without a path, e.g. ${rule.example}` };
  }
  const sandbox = rule.sandboxOrigins === "any-loopback" ? LOOPBACK_HOSTNAMES.has(url.hostname) : rule.sandboxOrigins.includes(url.origin);
  if (sandbox) return { ok: true, origin: url.origin, sandbox: true };
  if (url.protocol !== "https:") return { ok: false, message: `${rule.label} must use https.` };
  if (url.port) return { ok: false, message: `Use the default https port (no :${url.port}).` };
  if (!rule.acceptsHost(url.hostname)) return { ok: false, message: rule.refusedHost(url.hostname) };
  return { ok: true, origin: url.origin, sandbox: false };
}
