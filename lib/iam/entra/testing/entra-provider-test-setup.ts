import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import type { EntraIdentityProvider } from "@/lib/iam/entra/create-entra-provider";
import { createEntraProvider } from "@/lib/iam/entra/create-entra-provider";
import { entraCredentialsSchema, entraSettingsSchema } from "@/lib/iam/entra/entra-settings";
import type { IdentityProvider } from "@/lib/iam/identity-provider";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/entra/entra-test-harness";
import { declareSandboxConnections, sandboxOrigins } from "@/lib/sandbox/run/sandbox-connections";

export type EntraProviderOverrides = { clientId?: string; clientSecret?: string; groupId?: string; certificate?: { pem: string; thumbprintSha256: string; privateKeyPem: string } };

export type EntraTestTenant = TestSandbox & {
  settings(overrides?: EntraProviderOverrides): unknown;
  /** Built through createIdentityProvider, as the product does. */
  provider(overrides?: EntraProviderOverrides): IdentityProvider;
  /** The Entra adapter itself, for its extra methods. */
  entraProvider(overrides?: EntraProviderOverrides): EntraIdentityProvider;
};

/** Test-only: an Entra sandbox with admin consent approved, and adapters pointed at it. */
export async function startEntraTestTenant(options: { userCount: number; seed: string; consent?: boolean }): Promise<EntraTestTenant> {
  const sandbox = await startTestSandbox(options);
  if (options.consent !== false) await sandbox.approveConsent();
  // As `npm run dev` does for its sandboxes: the adapters may call this tenant's loopback origin.
  declareSandboxConnections({ entra: { url: sandbox.url, ...sandbox.connection } });
  const settings = (overrides: EntraProviderOverrides = {}) => ({
    tenant: sandbox.connection.tenantDomain,
    tenantId: sandbox.connection.tenantId,
    clientId: overrides.clientId ?? sandbox.connection.clientId,
    credentialType: overrides.certificate ? "certificate" : "client_secret",
    certificate: overrides.certificate ? { pem: overrides.certificate.pem, thumbprintSha256: overrides.certificate.thumbprintSha256, thumbprintSha1: "unused", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } : null,
    authorityHost: sandbox.url,
    graphBaseUrl: sandbox.url,
  });
  const credentials = (overrides: EntraProviderOverrides) =>
    overrides.certificate ? { type: "certificate", privateKeyPem: overrides.certificate.privateKeyPem } : { type: "client_secret", clientSecret: overrides.clientSecret ?? sandbox.connection.clientSecret };
  const groupId = (overrides: EntraProviderOverrides) => overrides.groupId ?? sandbox.connection.groupId;
  return Object.assign(sandbox, {
    settings,
    provider: (overrides: EntraProviderOverrides = {}) => createIdentityProvider({ provider: "ENTRA", groupId: groupId(overrides), settings: settings(overrides), credentials: credentials(overrides) }, { sandboxOrigins: sandboxOrigins() }),
    entraProvider: (overrides: EntraProviderOverrides = {}) =>
      createEntraProvider({
        groupId: groupId(overrides),
        settings: entraSettingsSchema.parse(settings(overrides)),
        credentials: entraCredentialsSchema.parse(credentials(overrides)),
        outbound: { sandboxOrigins: sandboxOrigins() },
      }),
  });
}
