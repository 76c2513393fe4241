import "server-only";
import { db } from "@/lib/db/prisma";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** A console user's passkeys, oldest first (never the key material). */
export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  return db().consolePasskey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
}
