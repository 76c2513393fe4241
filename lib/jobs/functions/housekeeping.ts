import { z } from "zod";
import { pruneConsoleSessions } from "@/lib/housekeeping/prune-console-sessions";
import { pruneEndedVerifications } from "@/lib/housekeeping/prune-ended-verifications";
import { pruneFinishedJobRuns } from "@/lib/housekeeping/prune-finished-job-runs";
import { pruneForwardedJobEvents } from "@/lib/housekeeping/prune-forwarded-job-events";
import { pruneIdvAuthorizations } from "@/lib/housekeeping/prune-idv-authorizations";
import { pruneWalletPresentations } from "@/lib/housekeeping/prune-wallet-presentations";
import { pruneRateLimitBuckets } from "@/lib/housekeeping/prune-rate-limit-buckets";
import { pruneWebhookDeliveries } from "@/lib/housekeeping/prune-webhook-deliveries";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { defineJob } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";
import { clearOldOutboxBodies } from "@/lib/notifications/clear-old-outbox-bodies";

const countSchema = z.number().int().min(0);

/**
 * Every hour: deletes what has served its purpose (retention in lib/housekeeping/retention.ts): expired
 * rate-limit buckets, long-dead console sessions, finished job runs with their steps, old outbox bodies,
 * verifications that ended without proving anything, and old finished webhook deliveries. Never the audit log. Each step is one idempotent statement
 * (or batch), so a retry is harmless.
 */
export const housekeeping = defineJob({
  id: "housekeeping",
  trigger: { cron: "23 * * * *" },
  retries: 2,
  async handler({ step }) {
    // Under Inngest no embedded runner sweeps: job events a crash left unforwarded go out here (through the
    // forwarder this process registered at start), hourly at worst.
    const jobEvents = await runStep(step, "forward-job-events", countSchema, async () => (await forwardJobEvents()).forwarded);
    const forwardedJobEvents = await runStep(step, "prune-forwarded-job-events", countSchema, () => pruneForwardedJobEvents());
    const rateLimitBuckets = await runStep(step, "prune-rate-limit-buckets", countSchema, () => pruneRateLimitBuckets());
    const consoleSessions = await runStep(step, "prune-console-sessions", countSchema, () => pruneConsoleSessions());
    const jobRuns = await runStep(step, "prune-finished-job-runs", countSchema, () => pruneFinishedJobRuns());
    const outboxBodies = await runStep(step, "clear-old-outbox-bodies", countSchema, () => clearOldOutboxBodies());
    const verifications = await runStep(step, "prune-ended-verifications", countSchema, () => pruneEndedVerifications());
    const idvAuthorizations = await runStep(step, "prune-idv-authorizations", countSchema, () => pruneIdvAuthorizations());
    const walletPresentations = await runStep(step, "prune-wallet-presentations", countSchema, () => pruneWalletPresentations());
    const webhookDeliveries = await runStep(step, "prune-webhook-deliveries", countSchema, () => pruneWebhookDeliveries());
    return { jobEvents, forwardedJobEvents, rateLimitBuckets, consoleSessions, jobRuns, outboxBodies, verifications, idvAuthorizations, walletPresentations, webhookDeliveries };
  },
});
