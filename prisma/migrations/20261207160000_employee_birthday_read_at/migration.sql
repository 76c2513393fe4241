-- Issue 17: dates of birth that the provider serves one employee at a time (capabilities.birthdaySource
-- "per_employee"; Entra: a single-user GET or $batch) are read live during a verification and back-filled in batches.
-- "birthdayReadAt" is when the provider was last asked; the back-fill skips rows asked recently.
ALTER TABLE "employee" ADD COLUMN "birthdayReadAt" TIMESTAMP(3);

-- Such a listing carries no birthday, so the sync's upsert would set it back to NULL on every pass. A birthday read
-- per employee is kept unless a later per-employee read replaces it (it sets "birthdayReadAt") or the listing itself
-- carries one; listing providers never set "birthdayReadAt", so their rows follow the listing exactly. Kept here
-- rather than in the upsert's SQL so that every writer of the listing (row upserts, bulk loads) obeys it. When the
-- birthday was the only difference, "updatedAt" stays as it was, as the upsert's own rule would have left it (its
-- "updated" count means "data changed"): bookkeeping and generated columns are not compared.
CREATE FUNCTION "employee_keep_read_birthday"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."birthday" := OLD."birthday";
  IF NEW."updatedAt" IS DISTINCT FROM OLD."updatedAt"
     AND (to_jsonb(NEW) - ARRAY['birthday', 'updatedAt', 'lastSeenSyncRunId', 'lastSyncedAt', 'searchText', 'phoneDigits'])
       = (to_jsonb(OLD) - ARRAY['birthday', 'updatedAt', 'lastSeenSyncRunId', 'lastSyncedAt', 'searchText', 'phoneDigits']) THEN
    NEW."updatedAt" := OLD."updatedAt";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "employee_keep_read_birthday"
  BEFORE UPDATE OF "birthday" ON "employee"
  FOR EACH ROW
  WHEN (NEW."birthday" IS NULL AND OLD."birthday" IS NOT NULL AND OLD."birthdayReadAt" IS NOT NULL
        AND NEW."birthdayReadAt" IS NOT DISTINCT FROM OLD."birthdayReadAt")
  EXECUTE FUNCTION "employee_keep_read_birthday"();
