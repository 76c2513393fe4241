import { z } from "zod";
import type { ProviderSource } from "@/lib/iam/identity-provider";
import { backfillBirthdays, backfillResultSchema } from "@/lib/directory/birthdays/backfill-birthdays";
import { findBirthdayBackfillConnections } from "@/lib/directory/birthdays/find-birthday-backfill-connections";
import { defineJob, type JobFunction } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";
import { toJobStepError } from "@/lib/jobs/to-job-step-error";

export const BIRTHDAY_BACKFILL_CRON = "*/10 * * * *";
/** Chunks per run and connection (200 employees each): at most 12 000 reads per run, well inside the 10 minutes. */
export const BACKFILL_CHUNKS_PER_RUN = 60;
/** The pause between two chunks: the back-fill yields to the sync and the live reads sharing the app's Graph quota. */
export const BACKFILL_PAUSE_MS = 1_000;

/**
 * Every 10 minutes: fills in the dates of birth that the provider only serves one employee at a time (Entra), for
 * readiness and the policy simulation; a verification reads its employee's live anyway. Each chunk is a step (its
 * reads are stored before the step ends, so a resumed run goes on from the rows still missing); between chunks the
 * run sleeps durably, for the provider's Retry-After when it throttled. New employees of a sync are picked up by the
 * next tick.
 */
export function createBirthdayBackfillJob(providers: ProviderSource): JobFunction {
  return defineJob({
    id: "birthday-backfill",
    trigger: { cron: BIRTHDAY_BACKFILL_CRON },
    retries: 3,
    async handler({ step }) {
      const connections = await runStep(step, "find-connections", z.array(z.uuid()), () => findBirthdayBackfillConnections());
      let read = 0;
      for (const connectionId of connections) {
        for (let chunk = 0; chunk < BACKFILL_CHUNKS_PER_RUN; chunk += 1) {
          const result = await runStep(step, `birthdays-${connectionId}-${chunk}`, backfillResultSchema, () =>
            backfillBirthdays({ connectionId, providers }).catch((error: unknown) => {
              throw toJobStepError(error, (name) => `The date-of-birth back-fill stopped on an internal error (${name}); the next run goes on.`);
            }),
          );
          read += result.read;
          if (result.outcome === "done") break;
          await step.sleep(`pause-${connectionId}-${chunk}`, result.retryAfterMs ?? BACKFILL_PAUSE_MS);
        }
      }
      return { connections: connections.length, read };
    },
  });
}
