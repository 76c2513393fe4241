-- CreateTable
CREATE TABLE "console_session" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "console_session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "console_session_userId_idx" ON "console_session"("userId");

-- AddForeignKey
ALTER TABLE "console_session" ADD CONSTRAINT "console_session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "console_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
