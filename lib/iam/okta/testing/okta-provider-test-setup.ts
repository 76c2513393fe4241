import { generateServiceKey, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";
import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import type { IdentityProvider } from "@/lib/iam/identity-provider";
import { declareSandboxConnections, sandboxOrigins } from "@/lib/sandbox/run/sandbox-connections";

export type OktaTestTenant = Awaited<ReturnType<typeof startOktaSandbox>> & { key: ServiceKey; provider(overrides?: { clientId?: string; groupId?: string; key?: ServiceKey }): IdentityProvider };

/** Test-only: an Okta sandbox with the service app's key registered, and adapters built as the product builds them. */
export async function startOktaTestTenant(options: { userCount: number; seed: string }): Promise<OktaTestTenant> {
  const running = await startOktaSandbox(options);
  const key = await generateServiceKey(`${options.seed}-key`);
  running.sandbox.registerPublicKeys(running.connection.clientId, { keys: [key.publicJwk] });
  // As `npm run dev` does for its sandboxes: the adapters may call this org's loopback origin.
  declareSandboxConnections({ okta: { url: running.url, ...running.connection } });
  const provider = (overrides: { clientId?: string; groupId?: string; key?: ServiceKey } = {}) => {
    const used = overrides.key ?? key;
    return createIdentityProvider({
      provider: "OKTA",
      groupId: overrides.groupId ?? running.connection.groupId,
      settings: {
        orgUrl: running.connection.orgUrl,
        clientId: overrides.clientId ?? running.connection.clientId,
        keys: [{ kid: used.kid, publicJwk: used.publicJwk, status: "active", createdAt: new Date().toISOString() }],
      },
      credentials: { privateJwks: { [used.kid]: used.privateJwk } },
    }, { sandboxOrigins: sandboxOrigins() });
  };
  return Object.assign(running, { key, provider });
}
