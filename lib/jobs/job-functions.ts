import { providerForConnection } from "@/lib/connections/provider-for-connection";
import type { ProviderSource } from "@/lib/iam/identity-provider";
import type { JobFunction } from "@/lib/jobs/define-job";
import { createBirthdayBackfillJob } from "@/lib/jobs/functions/birthday-backfill";
import { createCredentialResetJob } from "@/lib/jobs/functions/credential-reset";
import { createDirectorySyncJob } from "@/lib/jobs/functions/directory-sync";
import { directorySyncSchedule } from "@/lib/jobs/functions/directory-sync-schedule";
import { housekeeping } from "@/lib/jobs/functions/housekeeping";
import { outboxDelivery } from "@/lib/jobs/functions/outbox-delivery";
import { verificationHousekeeping } from "@/lib/jobs/functions/verification-housekeeping";
import { webhookDelivery, webhookDeliverySweep } from "@/lib/jobs/functions/webhook-delivery";

/** What the jobs need from outside: the identity provider of a connection. */
export type JobDependencies = { providers: ProviderSource };

/**
 * Every durable job of the product, built over `dependencies`: the production set below talks to the stored
 * connections; a test builds its own over an in-memory directory and hands it to the embedded runner.
 */
export function createJobFunctions(dependencies: JobDependencies): readonly JobFunction[] {
  return [createDirectorySyncJob(dependencies.providers), directorySyncSchedule, verificationHousekeeping, createCredentialResetJob(dependencies.providers), outboxDelivery, housekeeping, createBirthdayBackfillJob(dependencies.providers), webhookDelivery, webhookDeliverySweep];
}

/** Served at /api/inngest and executed by the embedded runner alike. */
export const jobFunctions: readonly JobFunction[] = createJobFunctions({ providers: providerForConnection });
