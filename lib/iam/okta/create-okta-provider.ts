import type { IdentityProvider } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import { createOktaClient } from "@/lib/iam/okta/create-okta-client";
import { fetchOktaMembersPage } from "@/lib/iam/okta/fetch-okta-members-page";
import type { OktaCredentials, OktaSettings } from "@/lib/iam/okta/okta-settings";
import { testOktaConnection } from "@/lib/iam/okta/test-okta-connection";

/** The active key and its private half; rotation keeps a `next` key registered but signs with `active` only. */
function activeKey(settings: OktaSettings, credentials: OktaCredentials): { kid: string; privateJwk: Record<string, unknown> } {
  const active = settings.keys.find((key) => key.status === "active");
  if (!active) throw new ProviderError("The Okta connection has no active key: generate one in Settings.", { retryable: false, problem: "invalid_client" });
  const privateJwk = credentials.privateJwks[active.kid];
  if (!privateJwk) throw new ProviderError("The private half of the active Okta key is missing: generate a new key in Settings.", { retryable: false, problem: "invalid_client" });
  return { kid: active.kid, privateJwk };
}

/** Okta adapter: full passes only (Okta has no delta for group membership). */
export function createOktaProvider(input: { groupId: string; settings: OktaSettings; credentials: OktaCredentials }): IdentityProvider {
  const { settings, credentials, groupId } = input;
  const orgUrl = settings.orgUrl.replace(/\/+$/, "");
  let client: ReturnType<typeof createOktaClient> | null = null;
  // Built on first use so that a connection without an active key still answers testConnection with a problem.
  const getClient = () => {
    if (client) return client;
    const key = activeKey(settings, credentials);
    client = createOktaClient({ orgUrl, clientId: settings.clientId, keyId: key.kid, privateJwk: key.privateJwk });
    return client;
  };

  return {
    provider: "OKTA",
    supportsDelta: false,
    testConnection: () => testOktaConnection({ getClient, orgUrl, groupId }),
    fetchMembersPage: async (request) => {
      if (request.mode === "delta") throw new ProviderError("Okta connections sync with full passes only.", { retryable: false });
      return fetchOktaMembersPage({ client: getClient(), orgUrl, groupId, cursor: request.cursor });
    },
  };
}
