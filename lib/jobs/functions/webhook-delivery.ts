import { z } from "zod";
import { sandboxRunning } from "@/lib/connections/sandbox-offer";
import { defineJob } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-due-webhooks";
import { WEBHOOK_DELIVERY_REQUESTED, webhookDeliveryRequestedSchema } from "@/lib/webhooks/webhook-delivery-event";

const sweepSchema = z.object({ attempted: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), disabledEndpoints: z.number().int() });

/**
 * Delivers webhooks as soon as an event is queued (the transaction that queued them recorded this job's event).
 * The step claims what is due under a lease, so runs started together share the work; the event carries no
 * ids and no secret (each attempt opens its endpoint's secret inside the step).
 */
export const webhookDelivery = defineJob({
  id: "webhook-delivery",
  trigger: { event: WEBHOOK_DELIVERY_REQUESTED },
  // A failed step leaves its claims to expire with their lease; the sweep below picks them up.
  retries: 0,
  async handler({ event, step }) {
    webhookDeliveryRequestedSchema.parse(event.data);
    return runStep(step, "deliver-due-webhooks", sweepSchema, () => deliverDueWebhooks({ sandbox: sandboxRunning() }));
  },
});

/**
 * Every minute: retries whose wait has passed (lib/webhooks/webhook-retry-policy.ts), attempts that crashed, and
 * deliveries whose job event never arrived.
 */
export const webhookDeliverySweep = defineJob({
  id: "webhook-delivery-sweep",
  trigger: { cron: "* * * * *" },
  retries: 0,
  async handler({ step }) {
    return runStep(step, "deliver-due-webhooks", sweepSchema, () => deliverDueWebhooks({ sandbox: sandboxRunning() }));
  },
});
