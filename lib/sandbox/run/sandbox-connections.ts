import { z } from "zod";

/**
 * The built-in sandbox tenants' connection values, handed from the CLI that started them to the app (same
 * process) through one environment variable, so the settings page can offer "use the sandbox tenant".
 */
export const sandboxConnectionsSchema = z.object({
  entra: z.object({ url: z.url(), tenantId: z.string(), tenantDomain: z.string(), clientId: z.string(), clientSecret: z.string(), groupId: z.string() }),
  okta: z.object({ url: z.url(), orgUrl: z.url(), clientId: z.string(), groupId: z.string() }),
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
