import "server-only";
import { db } from "@/lib/db/prisma";
import { hashIdvClientSecret, idvClientSecretMatches } from "@/lib/idv/clients/idv-client-secrets";

export type IdvClientRecord = { id: string; clientId: string; name: string; redirectUris: string[]; allowedClaims: string[] };

const SELECT = { id: true, clientId: true, name: true, redirectUris: true, allowedClaims: true, secretHash: true } as const;

/** A registered, unrevoked client by its public id (for /authorize, which has no client authentication). */
export async function findIdvClient(clientId: string): Promise<IdvClientRecord | null> {
  const client = await db().idvClient.findFirst({ where: { clientId, revokedAt: null }, select: SELECT });
  if (!client) return null;
  const { secretHash: _secretHash, ...record } = client;
  return record;
}

/**
 * The client, if the id names an unrevoked registration and the secret is its secret. An unknown id costs the
 * same hash as a known one, so timing does not tell which ids exist.
 */
export async function authenticateIdvClient(clientId: string, secret: string): Promise<IdvClientRecord | null> {
  const client = await db().idvClient.findFirst({ where: { clientId, revokedAt: null }, select: SELECT });
  if (!client) {
    hashIdvClientSecret(secret);
    return null;
  }
  if (!idvClientSecretMatches(secret, client.secretHash)) return null;
  const { secretHash: _secretHash, ...record } = client;
  return record;
}
