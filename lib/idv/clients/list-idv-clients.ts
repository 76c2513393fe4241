import "server-only";
import { db } from "@/lib/db/prisma";

/** Registered clients for the settings page: active first, newest first. Never selects the secret hash. */
export async function listIdvClients() {
  return db().idvClient.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      clientId: true,
      name: true,
      redirectUris: true,
      allowedClaims: true,
      createdAt: true,
      secretRotatedAt: true,
      revokedAt: true,
      createdBy: { select: { email: true } },
    },
  });
}

export type IdvClientListItem = Awaited<ReturnType<typeof listIdvClients>>[number];
