import { z } from "zod";

/**
 * The built-in sandbox tenants' connection values, handed from the CLI that started them to the app (same
 * process) through one environment variable, so the settings page can offer "use the sandbox tenant". Its
 * presence is what "the sandbox is on" means: only then may a connection point at the sandboxes' loopback
 * origins (lib/iam/outbound). Each half is optional so a process running one sandbox (a test) can say so.
 */
export const sandboxConnectionsSchema = z.object({
  entra: z.object({ url: z.url(), tenantId: z.string(), tenantDomain: z.string(), clientId: z.string(), clientSecret: z.string(), groupId: z.string() }).optional(),
  okta: z.object({ url: z.url(), orgUrl: z.url(), clientId: z.string(), groupId: z.string() }).optional(),
  /** Origins of further sandbox tenants running in this process (a test that starts a second org). */
  moreOrigins: z.array(z.url()).optional(),
});
export type SandboxConnections = z.infer<typeof sandboxConnectionsSchema>;

export const SANDBOX_CONNECTIONS_ENV = "VERIFYD_SANDBOX_CONNECTIONS";

export function readSandboxConnections(source: Record<string, string | undefined> = process.env): SandboxConnections | null {
  const raw = source[SANDBOX_CONNECTIONS_ENV];
  if (!raw) return null;
  try {
    const parsed = sandboxConnectionsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The origins of the sandbox tenants this process runs; empty when the sandbox is off. */
export function sandboxOrigins(source: Record<string, string | undefined> = process.env): string[] {
  const sandbox = readSandboxConnections(source);
  if (!sandbox) return [];
  const urls = [sandbox.entra?.url, sandbox.okta?.url, sandbox.okta?.orgUrl, ...(sandbox.moreOrigins ?? [])].filter((url): url is string => Boolean(url));
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/**
 * Declares a sandbox tenant running in this process (test harnesses, benches: the CLI sets the variable itself).
 * Tenants declared before stay allowed: a test may start a second org beside the first.
 */
export function declareSandboxConnections(part: Omit<SandboxConnections, "moreOrigins">, target: Record<string, string | undefined> = process.env): void {
  const current = readSandboxConnections(target) ?? {};
  const moreOrigins = sandboxOrigins(target);
  target[SANDBOX_CONNECTIONS_ENV] = JSON.stringify({ ...current, ...part, moreOrigins });
}
