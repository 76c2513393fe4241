-- AlterTable
ALTER TABLE "verification_request" ADD COLUMN     "bindingConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "bindingConfirmedById" UUID,
ADD COLUMN     "bindingFailedAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "linkChannel" "PossessionChannel",
ADD COLUMN     "sealedBindingCode" TEXT,
ADD COLUMN     "sealedLinkToken" TEXT;
