-- Console passkeys, TOTP fallback and step-up (issue 18). A session is fully signed in only once it has proved a
-- second factor; step-up asks for a fresh one before the most sensitive actions.
ALTER TABLE "console_session" ADD COLUMN "secondFactorAt" TIMESTAMP(3);

CREATE TABLE "console_passkey" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    -- The authenticator's signature counter; an assertion with a counter that does not grow is refused.
    "signCount" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[] NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    CONSTRAINT "console_passkey_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "console_passkey_credentialId_key" ON "console_passkey"("credentialId");
CREATE INDEX "console_passkey_userId_idx" ON "console_passkey"("userId");
ALTER TABLE "console_passkey" ADD CONSTRAINT "console_passkey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "console_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Challenges are bound to one session, stored as a SHA-256 hash, expire after 5 minutes and are deleted when used.
CREATE TABLE "console_webauthn_challenge" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "challengeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "console_webauthn_challenge_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "console_webauthn_challenge_challengeHash_key" ON "console_webauthn_challenge"("challengeHash");
CREATE INDEX "console_webauthn_challenge_sessionId_idx" ON "console_webauthn_challenge"("sessionId");
ALTER TABLE "console_webauthn_challenge" ADD CONSTRAINT "console_webauthn_challenge_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "console_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "console_totp" (
    "userId" UUID NOT NULL,
    -- Sealed with lib/crypto under "console-totp:<userId>".
    "sealedSecret" TEXT NOT NULL,
    "enabledAt" TIMESTAMP(3),
    "lastUsedStep" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "console_totp_pkey" PRIMARY KEY ("userId")
);
ALTER TABLE "console_totp" ADD CONSTRAINT "console_totp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "console_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "console_security_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "totpAllowed" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "console_security_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "console_security_settings_one_row" CHECK ("id" = 1)
);
