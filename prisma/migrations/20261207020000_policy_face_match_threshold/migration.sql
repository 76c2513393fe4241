-- Issue 14: the live face check's match threshold, set by the policy. Existing versions take the measured default
-- (0.60: 0.22% false matches, 29% false non-matches on the labelled set, see DECISIONS 61); adding a column with a
-- default rewrites no row, so the immutability trigger is not involved.
ALTER TABLE "verification_policy" ADD COLUMN "faceMatchThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.6;

ALTER TABLE "verification_policy" ADD CONSTRAINT "verification_policy_face_match_threshold_check"
  CHECK ("faceMatchThreshold" >= 0.5 AND "faceMatchThreshold" <= 0.9);
