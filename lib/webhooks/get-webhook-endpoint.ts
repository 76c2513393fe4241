import "server-only";
import { db } from "@/lib/db/prisma";
import { WEBHOOK_ENDPOINT_SUMMARY } from "@/lib/webhooks/list-webhook-endpoints";

export const RECENT_DELIVERIES = 50;

/** One endpoint with its recent deliveries and their attempts (newest first); null when it does not exist. */
export async function getWebhookEndpoint(id: string) {
  return db().webhookEndpoint.findUnique({
    where: { id },
    select: {
      ...WEBHOOK_ENDPOINT_SUMMARY,
      secretRotatedAt: true,
      previousSecretExpiresAt: true,
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        take: RECENT_DELIVERIES,
        select: {
          id: true,
          messageId: true,
          eventType: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          lastStatusCode: true,
          lastError: true,
          createdAt: true,
          succeededAt: true,
          attemptLog: { orderBy: { startedAt: "desc" }, take: 20, select: { id: true, startedAt: true, durationMs: true, statusCode: true, succeeded: true, error: true } },
        },
      },
    },
  });
}

export type WebhookEndpointDetail = NonNullable<Awaited<ReturnType<typeof getWebhookEndpoint>>>;
export type WebhookDeliveryItem = WebhookEndpointDetail["deliveries"][number];
