/**
 * A strict, nonce-based Content-Security-Policy. Scripts run only with this response's nonce (Next.js reads it
 * from the request's CSP header and stamps it on its own scripts); no plugin, framing or foreign form target.
 * Development adds what React Refresh needs (eval, the HMR websocket).
 */
export function buildContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are used by Next.js itself (route announcer, error overlay).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
