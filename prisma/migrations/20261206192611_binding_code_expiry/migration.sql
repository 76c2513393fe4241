-- AlterTable
ALTER TABLE "verification_request" ADD COLUMN     "bindingCodeExpiresAt" TIMESTAMP(3);

-- Read-back codes issued before this migration expire as if the rule had always applied (10 minutes after the
-- decision), so an old code stops working now instead of never.
UPDATE "verification_request"
SET "bindingCodeExpiresAt" = COALESCE("decidedAt", "updatedAt") + interval '10 minutes'
WHERE "sealedBindingCode" IS NOT NULL;
