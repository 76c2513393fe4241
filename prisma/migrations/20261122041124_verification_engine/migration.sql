-- CreateEnum
CREATE TYPE "EvidenceRetention" AS ENUM ('DELETE_ON_DECISION', 'KEEP_7_DAYS', 'KEEP_30_DAYS');

-- CreateEnum
CREATE TYPE "VerificationPurpose" AS ENUM ('HELPDESK_CHECK', 'PASSWORD_RESET', 'MFA_RESET');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('PENDING', 'OPENED', 'IN_PROGRESS', 'VERIFIED', 'FAILED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "VerificationInitiator" AS ENUM ('CONSOLE_USER', 'SELF_SERVE');

-- CreateEnum
CREATE TYPE "PossessionChannel" AS ENUM ('EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('STORED', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "verification_policy" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "claims" JSONB NOT NULL,
    "requirePossessionCode" BOOLEAN NOT NULL DEFAULT true,
    "requireIdDocument" BOOLEAN NOT NULL DEFAULT true,
    "linkLifetimeMinutes" INTEGER NOT NULL DEFAULT 1440,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "evidenceRetention" "EvidenceRetention" NOT NULL DEFAULT 'DELETE_ON_DECISION',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "verification_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_request" (
    "id" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "policyId" UUID NOT NULL,
    "purpose" "VerificationPurpose" NOT NULL,
    "initiatorType" "VerificationInitiator" NOT NULL,
    "initiatedById" UUID,
    "reasonNote" TEXT,
    "status" "VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "linkTokenHash" TEXT NOT NULL,
    "linkConsumedAt" TIMESTAMP(3),
    "sessionTokenHash" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "codeHash" TEXT,
    "codeChannel" "PossessionChannel",
    "codeExpiresAt" TIMESTAMP(3),
    "codeSentAt" TIMESTAMP(3),
    "codeSendCount" INTEGER NOT NULL DEFAULT 0,
    "codeFailedAttempts" INTEGER NOT NULL DEFAULT 0,
    "codeVerifiedAt" TIMESTAMP(3),
    "documentAttempts" INTEGER NOT NULL DEFAULT 0,
    "sealedSelfAsserted" TEXT,
    "decision" JSONB,
    "failureReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_evidence" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imageSha256" TEXT NOT NULL,
    "imageBytes" INTEGER NOT NULL,
    "sealedImage" BYTEA,
    "imageDeleteAfter" TIMESTAMP(3),
    "imageDeletedAt" TIMESTAMP(3),
    "documentKind" TEXT,
    "documentType" TEXT,
    "issuingCountry" TEXT,
    "readable" BOOLEAN NOT NULL,
    "failureHint" TEXT,
    "expired" BOOLEAN,
    "consistent" BOOLEAN,
    "extracted" JSONB,

    CONSTRAINT "verification_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" UUID NOT NULL,
    "channel" "OutboxChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "sealedBody" TEXT,
    "status" "OutboxStatus" NOT NULL,
    "error" TEXT,
    "relatedType" TEXT,
    "relatedId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "verification_policy_version_key" ON "verification_policy"("version");

-- CreateIndex
CREATE UNIQUE INDEX "verification_request_linkTokenHash_key" ON "verification_request"("linkTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "verification_request_sessionTokenHash_key" ON "verification_request"("sessionTokenHash");

-- CreateIndex
CREATE INDEX "verification_request_employeeId_createdAt_idx" ON "verification_request"("employeeId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "verification_request_status_expiresAt_idx" ON "verification_request"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "verification_request_initiatedById_createdAt_idx" ON "verification_request"("initiatedById", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "verification_evidence_requestId_createdAt_idx" ON "verification_evidence"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "verification_evidence_imageDeleteAfter_idx" ON "verification_evidence"("imageDeleteAfter");

-- CreateIndex
CREATE INDEX "outbox_message_createdAt_idx" ON "outbox_message"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "outbox_message_relatedType_relatedId_idx" ON "outbox_message"("relatedType", "relatedId");

-- AddForeignKey
ALTER TABLE "verification_policy" ADD CONSTRAINT "verification_policy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_request" ADD CONSTRAINT "verification_request_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_request" ADD CONSTRAINT "verification_request_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "verification_policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_request" ADD CONSTRAINT "verification_request_initiatedById_fkey" FOREIGN KEY ("initiatedById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_evidence" ADD CONSTRAINT "verification_evidence_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "verification_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A policy version is history: once written it never changes (only the creator link may be cleared).
CREATE FUNCTION verification_policy_is_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'verification_policy rows are immutable';
  END IF;
  IF (NEW.id, NEW.version, NEW.claims, NEW."requirePossessionCode", NEW."requireIdDocument",
      NEW."linkLifetimeMinutes", NEW."maxAttempts", NEW."evidenceRetention", NEW."createdAt")
     IS DISTINCT FROM
     (OLD.id, OLD.version, OLD.claims, OLD."requirePossessionCode", OLD."requireIdDocument",
      OLD."linkLifetimeMinutes", OLD."maxAttempts", OLD."evidenceRetention", OLD."createdAt") THEN
    RAISE EXCEPTION 'verification_policy rows are immutable';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER verification_policy_immutable
  BEFORE UPDATE OR DELETE ON "verification_policy"
  FOR EACH ROW EXECUTE FUNCTION verification_policy_is_immutable();

ALTER TABLE "verification_policy" ADD CONSTRAINT "verification_policy_limits_check"
  CHECK ("linkLifetimeMinutes" BETWEEN 10 AND 10080 AND "maxAttempts" BETWEEN 1 AND 20 AND version >= 1);

ALTER TABLE "verification_request" ADD CONSTRAINT "verification_request_counters_check"
  CHECK ("codeSendCount" >= 0 AND "codeFailedAttempts" >= 0 AND "documentAttempts" >= 0);
