-- AlterTable
ALTER TABLE "verification_request" ADD COLUMN     "sessionExpiresAt" TIMESTAMP(3);

-- Sessions of verifications decided before this migration end as if the rule had always applied (an hour after
-- the decision at most), so an old cookie stops working now instead of never.
UPDATE "verification_request"
SET "sessionExpiresAt" = COALESCE("decidedAt", "cancelledAt", "updatedAt") + interval '60 minutes'
WHERE "status" NOT IN ('PENDING', 'OPENED', 'IN_PROGRESS') AND "sessionTokenHash" IS NOT NULL;
