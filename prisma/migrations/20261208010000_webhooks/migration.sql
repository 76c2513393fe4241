-- Signed webhooks (issue 18): endpoints an admin registers, one delivery per event and endpoint (retried with
-- backoff, replayable, the same Standard Webhooks message id throughout), and every attempt kept for the console.
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

CREATE TABLE "webhook_endpoint" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT[] NOT NULL,
    -- The signing secret (whsec_…), sealed with lib/crypto under "webhook-endpoint:<id>"; shown once when made.
    "sealedSecret" TEXT NOT NULL,
    -- After a rotation, the secret it replaced (same sealing), still signing beside the new one until it expires.
    "previousSealedSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    -- Failed attempts in a row (any delivery), and since when: a success resets both; too many for too long disables.
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "secretRotatedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    -- webhook-id: one per event (shared by the endpoints it goes to), unchanged by retries and replays.
    "messageId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    -- The whole signed body ({ type, timestamp, data }): ids and outcomes only.
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    -- Attempts since the delivery was queued or last replayed (the retry schedule counts these).
    "attempts" INTEGER NOT NULL DEFAULT 0,
    -- When the next attempt may start; while an attempt runs, the end of its lease.
    "nextAttemptAt" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "succeededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "webhook_delivery_endpointId_messageId_key" ON "webhook_delivery"("endpointId", "messageId");
CREATE INDEX "webhook_delivery_endpointId_createdAt_idx" ON "webhook_delivery"("endpointId", "createdAt");
CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery"("nextAttemptAt") WHERE "status" = 'PENDING';
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "webhook_delivery_attempt" (
    "id" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "succeeded" BOOLEAN NOT NULL,
    -- Short and ours ("HTTP 500: <first characters of the answer>", "timed out after 10 s"), never a whole body.
    "error" TEXT,
    CONSTRAINT "webhook_delivery_attempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_delivery_attempt_deliveryId_startedAt_idx" ON "webhook_delivery_attempt"("deliveryId", "startedAt");
ALTER TABLE "webhook_delivery_attempt" ADD CONSTRAINT "webhook_delivery_attempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
