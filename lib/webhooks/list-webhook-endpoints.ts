import "server-only";
import { db } from "@/lib/db/prisma";

/** Endpoints for the settings page, newest first, with their health. Never selects the sealed secret. */
export async function listWebhookEndpoints() {
  return db().webhookEndpoint.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
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
      createdAt: true,
      createdBy: { select: { email: true } },
    },
  });
}

export type WebhookEndpointListItem = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];
