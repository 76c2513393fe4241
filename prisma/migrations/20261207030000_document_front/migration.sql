-- A card's front (licence, ID card) photographed after its back, bound to it by the printed number and birth date.
ALTER TABLE "verification_request" ADD COLUMN "frontAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "verification_evidence" ADD COLUMN "readSidePortrait" BOOLEAN,
  ADD COLUMN "frontSealedImage" BYTEA,
  ADD COLUMN "frontImageSha256" TEXT,
  ADD COLUMN "frontAcceptedAt" TIMESTAMP(3),
  ADD COLUMN "frontCheck" JSONB;
