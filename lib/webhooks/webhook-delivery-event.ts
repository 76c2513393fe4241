import { z } from "zod";

/** Starts a delivery run at once (the cron sweep catches whatever this misses). Carries no ids: the run claims what is due. */
export const WEBHOOK_DELIVERY_REQUESTED = "webhooks/delivery.requested";

export const webhookDeliveryRequestedSchema = z.object({ reason: z.enum(["event", "replay", "test"]) });

export function webhookDeliveryRequestedEvent(reason: z.infer<typeof webhookDeliveryRequestedSchema>["reason"]) {
  return { name: WEBHOOK_DELIVERY_REQUESTED, data: webhookDeliveryRequestedSchema.parse({ reason }) };
}
