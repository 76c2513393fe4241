import { z } from "zod";
import { db } from "@/lib/db/prisma";

export const startSyncRunResultSchema = z.object({
  status: z.enum(["RUNNING", "SUCCEEDED", "FAILED", "MISSING"]),
  mode: z.enum(["FULL", "DELTA"]).nullable(),
});
export type StartSyncRunResult = z.infer<typeof startSyncRunResultSchema>;

/**
 * Marks a QUEUED run RUNNING (a resumed run is already RUNNING and keeps its start time). A run that already
 * finished, or whose connection was deleted, is reported as such so a duplicate event does nothing.
 */
export async function startSyncRun(syncRunId: string): Promise<StartSyncRunResult> {
  await db().syncRun.updateMany({ where: { id: syncRunId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
  const run = await db().syncRun.findUnique({ where: { id: syncRunId }, select: { status: true, mode: true } });
  if (!run) return { status: "MISSING", mode: null };
  if (run.status === "QUEUED") throw new Error("The sync run could not be started.");
  return { status: run.status, mode: run.mode };
}
