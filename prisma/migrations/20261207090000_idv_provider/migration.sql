-- verifyd as an identity verification vendor for the IdP (issue 15): client registrations, authorization
-- transactions (PAR, code, token) and the ID token signing keys.
ALTER TYPE "VerificationPurpose" ADD VALUE 'IDP_VERIFICATION';

CREATE TABLE "idv_client" (
    "id" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "redirectUris" TEXT[],
    "allowedClaims" TEXT[],
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "secretRotatedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "idv_client_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idv_client_clientId_key" ON "idv_client"("clientId");
ALTER TABLE "idv_client" ADD CONSTRAINT "idv_client_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "idv_authorization" (
    "id" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "requestUriHash" TEXT NOT NULL,
    "requestUriExpiresAt" TIMESTAMP(3) NOT NULL,
    "requestUriUsedAt" TIMESTAMP(3),
    "redirectUri" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "state" TEXT,
    "nonce" TEXT,
    "codeChallenge" TEXT NOT NULL,
    "employeeId" UUID,
    "requestedClaims" TEXT[],
    "verificationRequestId" UUID,
    "browserBindingHash" TEXT,
    "completedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeUsedAt" TIMESTAMP(3),
    "codeReplayedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idv_authorization_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idv_authorization_requestUriHash_key" ON "idv_authorization"("requestUriHash");
CREATE UNIQUE INDEX "idv_authorization_verificationRequestId_key" ON "idv_authorization"("verificationRequestId");
CREATE UNIQUE INDEX "idv_authorization_browserBindingHash_key" ON "idv_authorization"("browserBindingHash");
CREATE UNIQUE INDEX "idv_authorization_codeHash_key" ON "idv_authorization"("codeHash");
CREATE INDEX "idv_authorization_createdAt_idx" ON "idv_authorization"("createdAt");
ALTER TABLE "idv_authorization" ADD CONSTRAINT "idv_authorization_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "idv_client"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "idv_authorization" ADD CONSTRAINT "idv_authorization_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "idv_authorization" ADD CONSTRAINT "idv_authorization_verificationRequestId_fkey" FOREIGN KEY ("verificationRequestId") REFERENCES "verification_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "idv_signing_key" (
    "id" UUID NOT NULL,
    "kid" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "sealedPrivateJwk" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    CONSTRAINT "idv_signing_key_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idv_signing_key_kid_key" ON "idv_signing_key"("kid");
-- Exactly one current signing key: two concurrent first uses or rotations cannot both create one.
CREATE UNIQUE INDEX "idv_signing_key_one_current" ON "idv_signing_key" ((true)) WHERE "retiredAt" IS NULL;
