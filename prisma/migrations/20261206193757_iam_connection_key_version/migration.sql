-- AlterTable
-- Optimistic concurrency for the Okta key set: every change to the keys (add, promote, re-save) is one
-- UPDATE ... WHERE "keyVersion" = <the version the admin's page showed>, and increments it.
ALTER TABLE "iam_connection" ADD COLUMN     "keyVersion" INTEGER NOT NULL DEFAULT 0;

-- Entra endpoints are stored as origins from now on (the adapters refuse a path: Graph's version is appended by
-- the SDK, the token path by the product). Rows saved earlier with a trailing path keep working.
UPDATE "iam_connection"
SET "settings" = jsonb_set("settings", '{graphBaseUrl}', to_jsonb(substring("settings"->>'graphBaseUrl' from '^https?://[^/?#]+')))
WHERE "provider" = 'ENTRA' AND "settings"->>'graphBaseUrl' ~ '^https?://[^/?#]+[/?#].';
UPDATE "iam_connection"
SET "settings" = jsonb_set("settings", '{authorityHost}', to_jsonb(substring("settings"->>'authorityHost' from '^https?://[^/?#]+')))
WHERE "provider" = 'ENTRA' AND "settings"->>'authorityHost' ~ '^https?://[^/?#]+[/?#].';
