import { type IdentityProvider, ProviderError } from "@/lib/iam/identity-provider";
import { OKTA_CAPABILITIES } from "@/lib/iam/okta/okta-capabilities";
import { createOktaClient, OKTA_LOG_SCOPES, OKTA_WRITE_SCOPES } from "@/lib/iam/okta/create-okta-client";
import { createOktaTransport } from "@/lib/iam/okta/create-okta-transport";
import type { ProviderOutbound } from "@/lib/iam/outbound/outbound-policy";
import { createOktaPasswordResetLink } from "@/lib/iam/okta/create-okta-password-reset-link";
import { fetchOktaDeltaPage } from "@/lib/iam/okta/fetch-okta-delta-page";
import { fetchOktaMembersPage } from "@/lib/iam/okta/fetch-okta-members-page";
import { getOktaPrivilegedRoles } from "@/lib/iam/okta/get-okta-privileged-roles";
import { readOktaLogPosition } from "@/lib/iam/okta/read-okta-log-position";
import { resetOktaMfa } from "@/lib/iam/okta/reset-okta-mfa";
import { resetOktaPassword } from "@/lib/iam/okta/reset-okta-password";
import { revokeOktaSessions } from "@/lib/iam/okta/revoke-okta-sessions";
import { unlockOktaAccount } from "@/lib/iam/okta/unlock-okta-account";
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

/**
 * Okta adapter: full passes over the group's members and incremental passes from the System Log (sync client,
 * plus a log client with okta.logs.read only); helpdesk writes on a third client.
 */
export function createOktaProvider(input: { groupId: string; settings: OktaSettings; credentials: OktaCredentials; outbound: ProviderOutbound }): IdentityProvider {
  const { settings, credentials, groupId } = input;
  const orgUrl = settings.orgUrl.replace(/\/+$/, "");
  const transport = createOktaTransport(settings, input.outbound);
  // Both clients share the executor and its keep-alive sockets; each keeps its own token.
  const executor = () => {
    if ("refusal" in transport) throw new ProviderError(transport.refusal, { retryable: false, problem: "endpoint_not_allowed" });
    return transport.requestExecutor;
  };
  let client: ReturnType<typeof createOktaClient> | null = null;
  // Built on first use so that a connection without an active key still answers testConnection with a problem.
  const getClient = () => {
    if (client) return client;
    const key = activeKey(settings, credentials);
    client = createOktaClient({ orgUrl, clientId: settings.clientId, keyId: key.kid, privateJwk: key.privateJwk, requestExecutor: executor() });
    return client;
  };
  // The writes need okta.roles.read on top: their own client (own token), so sync never depends on that scope.
  let writeClient: ReturnType<typeof createOktaClient> | null = null;
  const getWriteClient = () => {
    if (writeClient) return writeClient;
    const key = activeKey(settings, credentials);
    writeClient = createOktaClient({ orgUrl, clientId: settings.clientId, keyId: key.kid, privateJwk: key.privateJwk, scopes: OKTA_WRITE_SCOPES, requestExecutor: executor() });
    return writeClient;
  };
  // The System Log needs okta.logs.read: its own client (own token), so a connection without it still syncs fully.
  let logClient: ReturnType<typeof createOktaClient> | null = null;
  const getLogClient = () => {
    if (logClient) return logClient;
    const key = activeKey(settings, credentials);
    logClient = createOktaClient({ orgUrl, clientId: settings.clientId, keyId: key.kid, privateJwk: key.privateJwk, scopes: OKTA_LOG_SCOPES, requestExecutor: executor() });
    return logClient;
  };

  return {
    provider: "OKTA",
    capabilities: OKTA_CAPABILITIES,
    testConnection: () => testOktaConnection({ getClient, getLogClient, orgUrl, groupId }),
    fetchMembersPage: async (request) => {
      if (request.mode === "delta") {
        return fetchOktaDeltaPage({ logClient: getLogClient(), userClient: getClient(), orgUrl, groupId, deltaLink: request.deltaLink, cursor: request.cursor });
      }
      return fetchOktaMembersPage({ client: getClient(), orgUrl, groupId, cursor: request.cursor, readLogPosition: () => readOktaLogPosition(getLogClient(), orgUrl) });
    },
    getPrivilegedRoles: async (userId) => getOktaPrivilegedRoles(getWriteClient(), orgUrl, userId),
    // The base profile has no date of birth (birthdaySource "none"): nothing to read.
    readBirthdays: async () => new Map(),
    // Okta generates the temporary password itself; the suggested one is not used.
    resetPassword: async (userId) => resetOktaPassword(getWriteClient(), orgUrl, userId),
    createPasswordResetLink: async (userId) => createOktaPasswordResetLink(getWriteClient(), orgUrl, userId),
    // No Temporary Access Pass in Okta: the flag is ignored and the result says null.
    resetMfa: async (userId) => resetOktaMfa(getWriteClient(), orgUrl, userId),
    unlockAccount: async (userId) => unlockOktaAccount(getWriteClient(), orgUrl, userId),
    revokeSessions: async (userId) => revokeOktaSessions(getWriteClient(), orgUrl, userId),
  };
}
