import { randomBytes } from "node:crypto";
import { toJson } from "@/lib/db/to-json";
import type { Tx } from "@/lib/db/prisma";
import { recordJobEvents } from "@/lib/events/record-job-event";
import { webhookDeliveryRequestedEvent } from "@/lib/webhooks/webhook-delivery-event";
import { webhookPayload } from "@/lib/webhooks/webhook-payloads";
import type { WebhookMessageType } from "@/lib/webhooks/webhook-schemas";

/** A Standard Webhooks message id: `msg_` and 128 random bits. */
export function newWebhookMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/**
 * Queues an event for every enabled endpoint subscribed to its type, in the caller's transaction: the deliveries
 * exist exactly when the change they report commits, and the caller sends nothing itself (a slow receiver cannot
 * slow it down). A job event starts delivery promptly once forwarded (forwardJobEvents after the commit, or the
 * runner's sweep). Returns the message id, or null when no endpoint wants the event.
 */
export async function queueWebhookEvent(tx: Tx, event: { type: WebhookMessageType; data: Record<string, unknown>; endpointIds?: readonly string[] }, now: Date = new Date()): Promise<string | null> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { enabled: true, ...(event.endpointIds ? { id: { in: [...event.endpointIds] } } : { eventTypes: { has: event.type } }) },
    select: { id: true },
  });
  if (endpoints.length === 0) return null;
  const messageId = newWebhookMessageId();
  const payload = toJson(webhookPayload(event.type, event.data, now));
  await tx.webhookDelivery.createMany({ data: endpoints.map((endpoint) => ({ endpointId: endpoint.id, messageId, eventType: event.type, payload, nextAttemptAt: now })) });
  await recordJobEvents(tx, webhookDeliveryRequestedEvent(event.type === "webhook.test" ? "test" : "event"));
  return messageId;
}
