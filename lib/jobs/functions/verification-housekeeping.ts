import { z } from "zod";
import { failStalledResets } from "@/lib/credential-reset/fail-stalled-resets";
import { purgeLapsedResetSecrets } from "@/lib/credential-reset/purge-lapsed-secrets";
import { defineJob } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";
import { expireOverdueVerifications } from "@/lib/verification/requests/expire-verification";
import { purgeExpiredFaceFrames } from "@/lib/verification/face/purge-expired-face-frames";
import { purgeExpiredEvidence } from "@/lib/verification/requests/purge-expired-evidence";

const countSchema = z.number().int().min(0);

/**
 * Every 10 minutes: expires verifications nobody looked at after their link lifetime, then deletes evidence
 * images whose retention ran out, then forgets reset secrets nobody revealed in time and fails resets whose event was lost. Every step is idempotent (conditional updates), so a retry is harmless.
 */
export const verificationHousekeeping = defineJob({
  id: "verification-housekeeping",
  trigger: { cron: "*/10 * * * *" },
  retries: 2,
  async handler({ step }) {
    const expired = await runStep(step, "expire-overdue-verifications", countSchema, () => expireOverdueVerifications());
    const purged = await runStep(step, "purge-expired-evidence", countSchema, () => purgeExpiredEvidence());
    const purgedFaceFrames = await runStep(step, "purge-expired-face-frames", countSchema, () => purgeExpiredFaceFrames());
    const lapsedSecrets = await runStep(step, "purge-lapsed-reset-secrets", countSchema, () => purgeLapsedResetSecrets());
    const stalledResets = await runStep(step, "fail-stalled-resets", countSchema, () => failStalledResets());
    return { expired, purged, purgedFaceFrames, lapsedSecrets, stalledResets };
  },
});
