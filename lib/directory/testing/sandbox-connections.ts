import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import type { EntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { entraSettingsSchema } from "@/lib/iam/entra/entra-settings";
import type { IdentityProvider } from "@/lib/iam/identity-provider";
import type { OktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";

/** An ACTIVE Okta connection row pointing at a sandbox org, with the service key sealed as the product seals it. */
export function createOktaSandboxConnection(tenant: OktaTestTenant): Promise<string> {
  return createTestConnection({
    provider: "OKTA",
    groupId: tenant.connection.groupId,
    settings: { orgUrl: tenant.connection.orgUrl, clientId: tenant.connection.clientId, keys: [{ kid: tenant.key.kid, publicJwk: tenant.key.publicJwk, status: "active", createdAt: new Date().toISOString() }] },
    credentials: { privateJwks: { [tenant.key.kid]: tenant.key.privateJwk } },
  });
}

/** An ACTIVE Entra connection row pointing at a sandbox tenant (client secret credential, consent approved). */
export function createEntraSandboxConnection(tenant: EntraTestTenant): Promise<string> {
  return createTestConnection({
    provider: "ENTRA",
    groupId: tenant.connection.groupId,
    settings: entraSettingsSchema.parse(tenant.settings()),
    credentials: { type: "client_secret", clientSecret: tenant.connection.clientSecret },
  });
}

/** The group's members as the provider lists them right now (a full pass), sorted: what a sync must end with. */
export async function listMemberIds(provider: IdentityProvider): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await provider.fetchMembersPage({ mode: "full", cursor });
    ids.push(...page.employees.map((employee) => employee.externalId));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids.sort();
}
