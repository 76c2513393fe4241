-- CreateEnum
CREATE TYPE "IamProvider" AS ENUM ('ENTRA', 'OKTA');

-- CreateEnum
CREATE TYPE "IamConnectionStatus" AS ENUM ('INCOMPLETE', 'ACTIVE', 'ERROR');

-- CreateEnum
CREATE TYPE "EmployeeMembership" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('MANUAL', 'SCHEDULE', 'CONNECTION_ACTIVATED');

-- CreateEnum
CREATE TYPE "SyncMode" AS ENUM ('FULL', 'DELTA');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "iam_connection" (
    "id" UUID NOT NULL,
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "provider" "IamProvider" NOT NULL,
    "status" "IamConnectionStatus" NOT NULL DEFAULT 'INCOMPLETE',
    "statusReason" TEXT,
    "groupId" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "sealedCredentials" TEXT,
    "consentStateHash" TEXT,
    "consentStateExpiresAt" TIMESTAMP(3),
    "consentRequestedById" UUID,
    "syncIntervalMinutes" INTEGER NOT NULL DEFAULT 60,
    "deltaLink" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "activatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "iam_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employee" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "mobilePhone" TEXT,
    "streetAddress" TEXT,
    "city" TEXT,
    "state" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "birthday" TEXT,
    "employeeNumber" TEXT,
    "accountStatus" TEXT NOT NULL,
    "adminRoles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "membership" "EmployeeMembership" NOT NULL DEFAULT 'ACTIVE',
    "lastSeenSyncRunId" UUID,
    "lastSyncedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_run" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "mode" "SyncMode" NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedById" UUID,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "seen" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "deactivated" INTEGER NOT NULL DEFAULT 0,
    "expectedTotal" INTEGER,
    "cursor" TEXT,
    "error" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,

    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" UUID NOT NULL,
    "functionId" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "eventData" JSONB NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "concurrencyKey" TEXT,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_step" (
    "runId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "output" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_step_pkey" PRIMARY KEY ("runId","stepId")
);

-- CreateIndex
CREATE UNIQUE INDEX "iam_connection_singleton_key" ON "iam_connection"("singleton");

-- CreateIndex
CREATE INDEX "employee_connectionId_membership_idx" ON "employee"("connectionId", "membership");

-- CreateIndex
CREATE INDEX "employee_connectionId_lastSeenSyncRunId_idx" ON "employee"("connectionId", "lastSeenSyncRunId");

-- CreateIndex
CREATE UNIQUE INDEX "employee_connectionId_externalId_key" ON "employee"("connectionId", "externalId");

-- CreateIndex
CREATE INDEX "sync_run_connectionId_queuedAt_idx" ON "sync_run"("connectionId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "job_run_status_runAfter_idx" ON "job_run"("status", "runAfter");

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "iam_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_run" ADD CONSTRAINT "sync_run_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "iam_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_step" ADD CONSTRAINT "job_step_runId_fkey" FOREIGN KEY ("runId") REFERENCES "job_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One sync in flight per connection: a second "Sync now" or a schedule tick while a run is queued or running
-- is refused by the database itself, whatever the application instances do.
CREATE UNIQUE INDEX "sync_run_one_active_per_connection" ON "sync_run" ("connectionId")
    WHERE "status" IN ('QUEUED', 'RUNNING');
