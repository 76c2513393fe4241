import { protectedRoute } from "@/lib/auth/guards";
import { db } from "@/lib/db/prisma";
import { getSyncProgress } from "@/lib/directory/get-sync-progress";

/** GET /api/directory/sync-progress — the running sync and recent history, polled by the settings page. */
export const GET = protectedRoute("settings:view", async () => {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, lastSyncedAt: true } });
  if (!connection) return Response.json({ active: null, runs: [] }, { headers: { "Cache-Control": "no-store" } });
  const progress = await getSyncProgress({ connectionId: connection.id, limit: 10 });
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
});
