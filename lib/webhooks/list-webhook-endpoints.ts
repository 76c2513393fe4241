import "server-only";
import { db } from "@/lib/db/prisma";

/** What the console shows of an endpoint anywhere: its settings and health, never the sealed secret. */
export const WEBHOOK_ENDPOINT_SUMMARY = {
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
} as const;

/** Endpoints for the settings page, newest first, with their health. Never selects the sealed secret. */
export async function listWebhookEndpoints() {
  return db().webhookEndpoint.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: WEBHOOK_ENDPOINT_SUMMARY,
  });
}

export type WebhookEndpointListItem = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];
