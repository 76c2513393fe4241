-- Wallet IDs (issue 16): the IACA trust list and the Digital Credentials requests issued to employees' browsers.
ALTER TABLE "verification_request" ADD COLUMN "walletAttempts" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "trusted_issuer_certificate" (
    "id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "der" BYTEA NOT NULL,
    "subject" TEXT NOT NULL,
    "country" TEXT,
    "stateOrProvince" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "sourceLabel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    CONSTRAINT "trusted_issuer_certificate_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "trusted_issuer_certificate_fingerprint_key" ON "trusted_issuer_certificate"("fingerprint");
ALTER TABLE "trusted_issuer_certificate" ADD CONSTRAINT "trusted_issuer_certificate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "wallet_presentation" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "sessionTokenHash" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "requested" JSONB NOT NULL,
    "sealedSecrets" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "refusalReason" TEXT,
    CONSTRAINT "wallet_presentation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "wallet_presentation_requestId_issuedAt_idx" ON "wallet_presentation"("requestId", "issuedAt");
CREATE INDEX "wallet_presentation_expiresAt_idx" ON "wallet_presentation"("expiresAt");
ALTER TABLE "wallet_presentation" ADD CONSTRAINT "wallet_presentation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "verification_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
