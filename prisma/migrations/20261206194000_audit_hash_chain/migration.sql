-- A per-row hash chain over the audit log (lib/audit/audit-chain.ts): each new row stores its position
-- ("chainSeq", 1, 2, ...), the previous row's hash and hash = SHA-256(prevHash || canonical JSON of the row).
-- `npm run audit:verify` walks it; an edited, removed or inserted row breaks it at that row.
ALTER TABLE "audit_event" ADD COLUMN "chainSeq" BIGINT, ADD COLUMN "prevHash" TEXT, ADD COLUMN "hash" TEXT;
CREATE UNIQUE INDEX "audit_event_chainSeq_key" ON "audit_event"("chainSeq");

-- Rows written before this migration stay unchained: the chain starts here, at a genesis hash of 64 zeros
-- (the verifier counts them apart). NOT VALID: every row written from now on must be chained, old ones
-- are not checked.
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_chained"
    CHECK ("chainSeq" >= 1 AND "prevHash" ~ '^[0-9a-f]{64}$' AND "hash" ~ '^[0-9a-f]{64}$') NOT VALID;

-- The chain's head: the one row every audit write locks (SELECT ... FOR UPDATE) to append in order.
CREATE TABLE "audit_chain_head" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_single_row" CHECK ("id" = 1)
);
INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));

-- The app moves the head forward; it never adds or removes it.
REVOKE ALL ON "audit_chain_head" FROM verifyd_app;
GRANT SELECT, UPDATE ON "audit_chain_head" TO verifyd_app;
