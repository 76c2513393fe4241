import { sealSecret } from "@/lib/crypto/server-keyring";
import type { IamProvider } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";

/**
 * An ACTIVE connection row (one per database: the table allows a single connection). Credentials are sealed
 * like the settings page seals them, bound to the connection id.
 */
export async function createTestConnection(input: { provider?: IamProvider; groupId?: string; settings?: object; credentials?: object; syncIntervalMinutes?: number } = {}): Promise<string> {
  await db().iamConnection.deleteMany({});
  const connection = await db().iamConnection.create({
    data: { provider: input.provider ?? "ENTRA", status: "ACTIVE", groupId: input.groupId ?? "test-group", settings: input.settings ?? {}, activatedAt: new Date(), syncIntervalMinutes: input.syncIntervalMinutes ?? 60 },
  });
  if (input.credentials) {
    await db().iamConnection.update({ where: { id: connection.id }, data: { sealedCredentials: sealSecret(JSON.stringify(input.credentials), `iam-connection:${connection.id}`) } });
  }
  return connection.id;
}
