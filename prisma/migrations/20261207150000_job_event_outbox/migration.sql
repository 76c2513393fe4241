-- Issue 17: domain code writes job events in its own transaction; lib/jobs forwards them after the commit.
CREATE TABLE "job_event_outbox" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "eventId" TEXT,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "forwardedAt" TIMESTAMP(3),
    "error" TEXT,
    CONSTRAINT "job_event_outbox_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "job_event_outbox_forwardedAt_nextAttemptAt_idx" ON "job_event_outbox"("forwardedAt", "nextAttemptAt");
