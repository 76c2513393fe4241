import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import { sandboxOrigins } from "@/lib/connections/sandbox-offer";
import { type IdentityProvider, ProviderError } from "@/lib/iam/identity-provider";

/**
 * Adapters are reused for a few minutes so that consecutive job steps share the adapter's access token (a reset's
 * four steps fetched four tokens; a sync one per step), keyed by the connection row's version: every edit to the
 * connection (credentials, settings, status) builds a new one. Never kept in step output.
 */
const REUSE_MS = 5 * 60_000;
const adapters = new Map<string, { key: string; provider: IdentityProvider; until: number }>();

/**
 * The adapter for a stored connection, with its credentials opened. `fresh` bypasses reuse: a connection test must
 * prove the stored credentials work now, not that a token fetched earlier still does.
 */
export async function providerForConnection(connectionId: string, options: { fresh?: boolean } = {}): Promise<IdentityProvider> {
  const connection = await db().iamConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { provider: true, groupId: true, settings: true, sealedCredentials: true, updatedAt: true },
  });
  const key = connection.updatedAt.toISOString();
  const reusable = adapters.get(connectionId);
  if (!options.fresh && reusable && reusable.key === key && reusable.until > Date.now()) return reusable.provider;
  if (!connection.sealedCredentials) {
    throw new ProviderError("The connection has no stored credentials: edit and save it again.", { retryable: false, problem: "invalid_credentials" });
  }
  const credentials: unknown = JSON.parse(openSecret(connection.sealedCredentials, `iam-connection:${connectionId}`));
  const provider = createIdentityProvider({ provider: connection.provider, groupId: connection.groupId, settings: connection.settings, credentials }, { sandboxOrigins: sandboxOrigins() });
  adapters.set(connectionId, { key, provider, until: Date.now() + REUSE_MS });
  return provider;
}
