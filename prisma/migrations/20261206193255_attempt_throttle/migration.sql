-- CreateTable
CREATE TABLE "attempt_throttle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastAttemptAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "attempt_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "attempt_throttle_lastAttemptAt_idx" ON "attempt_throttle"("lastAttemptAt");
