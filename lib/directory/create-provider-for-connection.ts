import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import { type ConnectedIdentityProvider, ProviderError } from "@/lib/iam/identity-provider";

/**
 * The adapter for a stored connection, with its credentials opened. Built inside each step that calls the
 * provider (never kept in step output), so that secrets exist only in memory for the step's duration.
 */
export async function createProviderForConnection(connectionId: string): Promise<ConnectedIdentityProvider> {
  const connection = await db().iamConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { provider: true, groupId: true, settings: true, sealedCredentials: true },
  });
  if (!connection.sealedCredentials) {
    throw new ProviderError("The connection has no stored credentials: edit and save it again.", { retryable: false, problem: "invalid_credentials" });
  }
  const credentials: unknown = JSON.parse(openSecret(connection.sealedCredentials, `iam-connection:${connectionId}`));
  return createIdentityProvider({ provider: connection.provider, groupId: connection.groupId, settings: connection.settings, credentials });
}
