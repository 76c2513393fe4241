-- CreateEnum
CREATE TYPE "FaceCaptureStatus" AS ENUM ('ISSUED', 'PASSED', 'FAILED', 'ABANDONED');

-- AlterTable
ALTER TABLE "verification_request" ADD COLUMN "faceAttempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "face_capture_attempt" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "nonceHash" TEXT NOT NULL,
    "sessionTokenHash" TEXT NOT NULL,
    "challenge" JSONB NOT NULL,
    "schedule" JSONB NOT NULL,
    "status" "FaceCaptureStatus" NOT NULL DEFAULT 'ISSUED',
    "framesReceived" INTEGER NOT NULL DEFAULT 0,
    "evaluatedAt" TIMESTAMP(3),
    "evidence" JSONB,

    CONSTRAINT "face_capture_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "face_capture_frame" (
    "id" UUID NOT NULL,
    "attemptId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sealedImage" BYTEA,
    "imageDeleteAfter" TIMESTAMP(3),
    "imageDeletedAt" TIMESTAMP(3),

    CONSTRAINT "face_capture_frame_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "face_capture_attempt_nonceHash_key" ON "face_capture_attempt"("nonceHash");

-- CreateIndex
CREATE INDEX "face_capture_attempt_requestId_createdAt_idx" ON "face_capture_attempt"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "face_capture_frame_sha256_idx" ON "face_capture_frame"("sha256");

-- CreateIndex
CREATE INDEX "face_capture_frame_imageDeleteAfter_idx" ON "face_capture_frame"("imageDeleteAfter");

-- CreateIndex
CREATE UNIQUE INDEX "face_capture_frame_attemptId_index_key" ON "face_capture_frame"("attemptId", "index");

-- AddForeignKey
ALTER TABLE "face_capture_attempt" ADD CONSTRAINT "face_capture_attempt_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "verification_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "face_capture_frame" ADD CONSTRAINT "face_capture_frame_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "face_capture_attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
