/** Two years, subdomains included: the value hstspreload.org asks for (without opting into the preload list). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * The Strict-Transport-Security header to send, if any: only when the app's public URL is https (behind a
 * TLS-terminating proxy the header still reaches the browser over https), and never in development, where a
 * browser would then refuse plain http on that host for two years.
 */
export function strictTransportSecurity(appUrl: string, dev: boolean): string | undefined {
  if (dev) return undefined;
  return new URL(appUrl).protocol === "https:" ? STRICT_TRANSPORT_SECURITY : undefined;
}
