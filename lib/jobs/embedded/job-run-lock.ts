import { z } from "zod";
import { db } from "@/lib/db/prisma";

/** SQL timestamps are written from the app's clock, like Prisma writes them (UTC, timestamp without time zone). */
export function sqlTime(date: Date): string {
  return date.toISOString();
}

const claimedRowSchema = z.object({
  id: z.string(),
  functionId: z.string(),
  eventName: z.string(),
  eventData: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  error: z.string().nullable(),
});
export type ClaimedJobRun = z.infer<typeof claimedRowSchema>;

/**
 * Claims the next due run for `workerId`: a QUEUED run whose time has come, or a RUNNING one whose lock expired
 * (its process died; it resumes from its memoised steps), never a run whose concurrency key is held by a live
 * RUNNING run. Claims are serialised by an advisory lock so two workers cannot both pass the key check.
 */
export async function claimJobRun(input: { workerId: string; functionIds: readonly string[]; lockMs: number }): Promise<ClaimedJobRun | null> {
  const now = new Date();
  const lockedUntil = new Date(now.getTime() + input.lockMs);
  const rows = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('verifyd.job_run.claim'))`;
    return tx.$queryRaw<unknown[]>`
      UPDATE "job_run" SET "status" = 'RUNNING', "lockedBy" = ${input.workerId},
        "lockedUntil" = ${sqlTime(lockedUntil)}::timestamptz AT TIME ZONE 'UTC', "updatedAt" = ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'
      WHERE "id" = (
        SELECT j."id" FROM "job_run" j
        WHERE j."functionId" = ANY(${[...input.functionIds]}::text[])
          AND ((j."status" = 'QUEUED' AND j."runAfter" <= ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC')
            OR (j."status" = 'RUNNING' AND j."lockedUntil" < ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'))
          AND (j."concurrencyKey" IS NULL OR NOT EXISTS (
            SELECT 1 FROM "job_run" o
            WHERE o."concurrencyKey" = j."concurrencyKey" AND o."id" <> j."id" AND o."status" = 'RUNNING'
              AND o."lockedUntil" >= ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'))
        ORDER BY (j."status" = 'RUNNING') DESC, j."runAfter", j."createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING "id"::text AS "id", "functionId", "eventName", "eventData", "attempts", "error"`;
  });
  const [row] = rows;
  return row === undefined ? null : claimedRowSchema.parse(row);
}

/** Extends the lock while the run is being worked on; false when another worker took it over. */
export async function renewJobRunLock(input: { runId: string; workerId: string; lockMs: number }): Promise<boolean> {
  const now = new Date();
  const renewed = await db().$executeRaw`
    UPDATE "job_run" SET "lockedUntil" = ${sqlTime(new Date(now.getTime() + input.lockMs))}::timestamptz AT TIME ZONE 'UTC'
    WHERE "id" = ${input.runId}::uuid AND "lockedBy" = ${input.workerId} AND "status" = 'RUNNING'
      AND "lockedUntil" >= ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'`;
  return renewed === 1;
}

/** Hands a run back (shutdown): another worker may resume it at once. */
export async function releaseJobRunLock(input: { runId: string; workerId: string }): Promise<void> {
  await db().$executeRaw`
    UPDATE "job_run" SET "lockedUntil" = ${sqlTime(new Date(Date.now() - 1))}::timestamptz AT TIME ZONE 'UTC'
    WHERE "id" = ${input.runId}::uuid AND "lockedBy" = ${input.workerId} AND "status" = 'RUNNING'`;
}

/** Ends a claimed run's attempt; a no-op (false) when the worker no longer holds the lock. */
export async function settleJobRun(input: {
  runId: string;
  workerId: string;
  status: "QUEUED" | "COMPLETED" | "FAILED";
  attempts?: number;
  runAfter?: Date;
  error?: string | null;
}): Promise<boolean> {
  const now = new Date();
  // One conditional UPDATE, so the ownership check and the write cannot be split by a takeover.
  const settled = await db().$executeRaw`
    UPDATE "job_run" SET "status" = ${input.status}::"JobStatus", "lockedBy" = NULL, "lockedUntil" = NULL,
      "attempts" = COALESCE(${input.attempts ?? null}::int, "attempts"),
      "runAfter" = COALESCE(${input.runAfter ? sqlTime(input.runAfter) : null}::timestamptz AT TIME ZONE 'UTC', "runAfter"),
      "error" = CASE WHEN ${input.error !== undefined} THEN ${input.error ?? null}::text ELSE "error" END,
      "updatedAt" = ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'
    WHERE "id" = ${input.runId}::uuid AND "lockedBy" = ${input.workerId} AND "status" = 'RUNNING'
      AND "lockedUntil" >= ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'`;
  return settled === 1;
}
