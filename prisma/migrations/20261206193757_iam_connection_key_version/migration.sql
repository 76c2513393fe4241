-- AlterTable
-- Optimistic concurrency for the Okta key set: every change to the keys (add, promote, re-save) is one
-- UPDATE ... WHERE "keyVersion" = <the version the admin's page showed>, and increments it.
ALTER TABLE "iam_connection" ADD COLUMN     "keyVersion" INTEGER NOT NULL DEFAULT 0;
