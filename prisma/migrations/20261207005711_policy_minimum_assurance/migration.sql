-- Issue 14: the lowest assurance level a verification of each purpose must reach, as JSON
-- ({"HELPDESK_CHECK": "...", "PASSWORD_RESET": "...", "MFA_RESET": "...", "ACCOUNT_RECOVERY": "..."}).
-- NULL on the versions that exist now. Policy versions are immutable (the trigger below), so this migration does
-- not backfill them: the application reads NULL as the safe default, and on the first read of the current policy
-- it writes the next version with the safe default spelled out and records the change in the hash-chained audit
-- log (lib/verification/policy/upgrade-policy-assurance.ts), which plain SQL here could not append to.
ALTER TABLE "verification_policy" ADD COLUMN "minimumAssurance" JSONB;

ALTER TABLE "verification_policy" ADD CONSTRAINT "verification_policy_minimum_assurance_check"
  CHECK ("minimumAssurance" IS NULL OR jsonb_typeof("minimumAssurance") = 'object');

-- The immutability check listed the columns of its day, so settings added since (self-service, resets) could be
-- edited in place. Compare the whole row instead, minus the creator link that ON DELETE SET NULL may clear: a
-- column added later is covered without touching this function again.
CREATE OR REPLACE FUNCTION verification_policy_is_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'verification_policy rows are immutable';
  END IF;
  IF (to_jsonb(NEW) - 'createdById') IS DISTINCT FROM (to_jsonb(OLD) - 'createdById') THEN
    RAISE EXCEPTION 'verification_policy rows are immutable';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
