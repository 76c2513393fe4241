import "server-only";
import { db } from "@/lib/db/prisma";

export const RECENT_DELIVERIES = 50;

/** One endpoint with its recent deliveries and their attempts (newest first); null when it does not exist. */
export async function getWebhookEndpoint(id: string) {
  return db().webhookEndpoint.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      url: true,
      eventTypes: true,
      enabled: true,
      disabledAt: true,
      disabledReason: true,
      consecutiveFailures: true,
      failingSince: true,
      lastSuccessAt: true,
      secretRotatedAt: true,
      previousSecretExpiresAt: true,
      createdAt: true,
      createdBy: { select: { email: true } },
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
