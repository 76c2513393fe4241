-- AlterTable
ALTER TABLE "job_run" ADD COLUMN     "eventId" TEXT;

-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "credential_reset" ADD COLUMN     "jobRunId" TEXT;

-- CreateIndex
CREATE INDEX "job_run_status_updatedAt_idx" ON "job_run"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "job_run_functionId_eventId_key" ON "job_run"("functionId", "eventId");

-- CreateIndex
CREATE INDEX "outbox_message_status_nextAttemptAt_idx" ON "outbox_message"("status", "nextAttemptAt");

-- Finished reset runs memoised their secrets (sealed) in step outputs before this version. Nobody replays a
-- finished run, so its steps are dropped now rather than when the run is pruned.
DELETE FROM "job_step" WHERE "runId" IN (
  SELECT "id" FROM "job_run" WHERE "functionId" = 'credential-reset' AND "status" IN ('COMPLETED', 'FAILED'));
