import { ENTRA_CAPABILITIES } from "@/lib/iam/entra/entra-capabilities";
import { type IdentityProvider, ProviderError } from "@/lib/iam/identity-provider";
import { createGraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { createEntraTransport } from "@/lib/iam/entra/create-entra-transport";
import type { EntraCredentials, EntraSettings } from "@/lib/iam/entra/entra-settings";
import { fetchEntraAdminRoles } from "@/lib/iam/entra/fetch-entra-admin-roles";
import { fetchEntraDeltaPage } from "@/lib/iam/entra/fetch-entra-delta-page";
import { fetchEntraMembersPage } from "@/lib/iam/entra/fetch-entra-members-page";
import { createEntraRoleCache } from "@/lib/iam/entra/fetch-entra-role-map";
import { readEntraBirthdays } from "@/lib/iam/entra/read-entra-birthdays";
import { getEntraPrivilegedRoles } from "@/lib/iam/entra/get-entra-privileged-roles";
import { resetEntraMfa } from "@/lib/iam/entra/reset-entra-mfa";
import { resetEntraPassword } from "@/lib/iam/entra/reset-entra-password";
import { revokeEntraSessions } from "@/lib/iam/entra/revoke-entra-sessions";
import { createEntraTokenSource } from "@/lib/iam/entra/request-entra-token";
import { testEntraConnection } from "@/lib/iam/entra/test-entra-connection";
import type { ProviderOutbound } from "@/lib/iam/outbound/outbound-policy";

export type EntraIdentityProvider = IdentityProvider & {
  /** Display names of the directory roles the user holds directly (RoleManagement.Read.Directory). */
  fetchAdminRoles(userId: string): Promise<string[]>;
};

/** Microsoft Entra ID adapter over the official Graph SDK; one token cache per instance. */
export function createEntraProvider(input: { groupId: string; settings: EntraSettings; credentials: EntraCredentials; outbound: ProviderOutbound }): EntraIdentityProvider {
  const transport = createEntraTransport(input.settings, input.outbound);
  const tokens = createEntraTokenSource(input.settings, input.credentials, transport);
  const graph = createGraphCaller(input.settings, tokens, transport);
  // The tenant's role assignments, read once per sync pass (not per user) and cached for that pass only.
  const roles = createEntraRoleCache(graph);
  return {
    provider: "ENTRA",
    capabilities: ENTRA_CAPABILITIES,
    testConnection: () => testEntraConnection({ graph, groupId: input.groupId }),
    fetchMembersPage: async (request) => {
      if (request.mode === "delta") return fetchEntraDeltaPage({ graph, groupId: input.groupId, deltaLink: request.deltaLink, cursor: request.cursor, roles });
      return fetchEntraMembersPage({ graph, groupId: input.groupId, cursor: request.cursor, roles });
    },
    readBirthdays: (userIds) => readEntraBirthdays(graph, userIds),
    fetchAdminRoles: (userId) => fetchEntraAdminRoles(graph, userId),
    getPrivilegedRoles: (userId) => getEntraPrivilegedRoles(graph, userId),
    resetPassword: (userId, request) => resetEntraPassword(graph, userId, request),
    // Graph has no self-service reset link an app can issue (SSPR starts from the user's sign-in page).
    createPasswordResetLink: async () => {
      throw new ProviderError("Microsoft Entra ID has no one-time reset links; use a temporary password.", { retryable: false, problem: "unknown" });
    },
    resetMfa: (userId, request) => resetEntraMfa(graph, userId, request),
    // Smart lockout has no Graph API: it lifts by itself after the lockout period, and a password reset lifts it.
    unlockAccount: async () => ({ outcome: "not_supported", message: "Entra ID unlocks accounts by itself after the lockout period; a password reset also lifts it." }),
    revokeSessions: (userId) => revokeEntraSessions(graph, userId),
  };
}
