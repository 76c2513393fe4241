-- The helpdesk's own tools (issue 18): API keys for /api/v1, verifications an API client started, and the
-- external ticket (ServiceNow incident, Zendesk ticket) a verification belongs to.
ALTER TYPE "VerificationInitiator" ADD VALUE 'API_CLIENT';
ALTER TYPE "ActorType" ADD VALUE 'API_KEY';

CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    -- The first characters of the key, shown in the console so an admin can tell keys apart; not a secret.
    "prefix" TEXT NOT NULL,
    -- SHA-256 of the whole key (256 random bits, so a plain hash is enough); the key itself is never stored.
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL,
    "rateLimitPerMinute" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,
    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_key_rate_limit_check" CHECK ("rateLimitPerMinute" BETWEEN 1 AND 10000)
);
CREATE UNIQUE INDEX "api_key_secretHash_key" ON "api_key"("secretHash");
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "verification_request"
  ADD COLUMN "initiatedByApiKeyId" UUID,
  ADD COLUMN "externalTicketRef" TEXT;
ALTER TABLE "verification_request" ADD CONSTRAINT "verification_request_initiatedByApiKeyId_fkey" FOREIGN KEY ("initiatedByApiKeyId") REFERENCES "api_key"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "verification_request_externalTicketRef_idx" ON "verification_request"("externalTicketRef") WHERE "externalTicketRef" IS NOT NULL;
