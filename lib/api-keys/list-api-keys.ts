import "server-only";
import { db } from "@/lib/db/prisma";

/** Keys for the settings page: active first, newest first. Never selects the hash. */
export async function listApiKeys() {
  return db().apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      rateLimitPerMinute: true,
      expiresAt: true,
      lastUsedAt: true,
      createdAt: true,
      revokedAt: true,
      createdBy: { select: { email: true } },
      revokedBy: { select: { email: true } },
    },
  });
}

export type ApiKeyListItem = Awaited<ReturnType<typeof listApiKeys>>[number];
