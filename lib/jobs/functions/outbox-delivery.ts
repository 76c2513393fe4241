import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";
import { deliverDueOutboxMessages } from "@/lib/notifications/deliver-due-outbox-messages";

const sweepSchema = z.object({ attempted: z.number().int(), sent: z.number().int(), failed: z.number().int() });

/**
 * Every minute: retries e-mails and text messages whose delivery failed (backoff and cap in
 * lib/notifications/outbox-retry-policy.ts) or never happened (the process died right after the commit that
 * queued them), e.g. the "not you? call the service desk" notice of a reset. Without a transport for a channel
 * there is nothing to do: the console's outbox is that channel's delivery.
 */
export const outboxDelivery = defineJob({
  id: "outbox-delivery",
  trigger: { cron: "* * * * *" },
  // A failed sweep is simply the next minute's work; its claims expire with their lease.
  retries: 0,
  async handler({ step }) {
    return runStep(step, "deliver-due-messages", sweepSchema, () => deliverDueOutboxMessages());
  },
});
