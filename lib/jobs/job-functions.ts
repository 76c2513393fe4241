import type { JobFunction } from "@/lib/jobs/define-job";
import { credentialReset } from "@/lib/jobs/functions/credential-reset";
import { directorySync } from "@/lib/jobs/functions/directory-sync";
import { directorySyncSchedule } from "@/lib/jobs/functions/directory-sync-schedule";
import { housekeeping } from "@/lib/jobs/functions/housekeeping";
import { outboxDelivery } from "@/lib/jobs/functions/outbox-delivery";
import { verificationHousekeeping } from "@/lib/jobs/functions/verification-housekeeping";

/** Every durable job of the product: served at /api/inngest and executed by the embedded runner alike. */
export const jobFunctions: readonly JobFunction[] = [directorySync, directorySyncSchedule, verificationHousekeeping, credentialReset, outboxDelivery, housekeeping];
