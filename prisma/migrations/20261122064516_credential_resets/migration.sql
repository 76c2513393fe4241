-- CreateEnum
CREATE TYPE "OktaPasswordResetMethod" AS ENUM ('TEMPORARY_PASSWORD', 'RESET_LINK');

-- CreateEnum
CREATE TYPE "CredentialResetAction" AS ENUM ('PASSWORD_RESET', 'MFA_RESET', 'ACCOUNT_UNLOCK');

-- CreateEnum
CREATE TYPE "CredentialResetStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'REFUSED');

-- AlterEnum
ALTER TYPE "VerificationPurpose" ADD VALUE 'ACCOUNT_RECOVERY';

-- AlterTable
ALTER TABLE "verification_policy" ADD COLUMN     "allowAccountUnlock" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "allowMfaReset" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "allowPasswordReset" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "issueTemporaryAccessPass" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "oktaPasswordResetMethod" "OktaPasswordResetMethod" NOT NULL DEFAULT 'TEMPORARY_PASSWORD',
ADD COLUMN     "selfServiceEnabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "verification_request" ADD COLUMN     "evidenceMatchedAt" TIMESTAMP(3),
ALTER COLUMN "employeeId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "credential_reset" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "action" "CredentialResetAction" NOT NULL,
    "status" "CredentialResetStatus" NOT NULL DEFAULT 'QUEUED',
    "initiatorType" "VerificationInitiator" NOT NULL,
    "initiatedById" UUID,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "currentStep" TEXT,
    "failedStep" TEXT,
    "failureReason" TEXT,
    "sealedSecret" TEXT,
    "secretKind" TEXT,
    "secretExpiresAt" TIMESTAMP(3),
    "secretRevealedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "credential_reset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credential_reset_employeeId_createdAt_idx" ON "credential_reset"("employeeId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "credential_reset_requestId_action_key" ON "credential_reset"("requestId", "action");

-- AddForeignKey
ALTER TABLE "credential_reset" ADD CONSTRAINT "credential_reset_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "verification_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credential_reset" ADD CONSTRAINT "credential_reset_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credential_reset" ADD CONSTRAINT "credential_reset_initiatedById_fkey" FOREIGN KEY ("initiatedById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
