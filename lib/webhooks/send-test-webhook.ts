import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import type { RequestContext } from "@/lib/http/request-context";
import { queueWebhookEvent } from "@/lib/webhooks/queue-webhook-event";
import { testDataSchema } from "@/lib/webhooks/webhook-payload-schemas";
import { type WebhookEndpointIdInput, webhookEndpointIdSchema, WEBHOOK_TEST_EVENT } from "@/lib/webhooks/webhook-schemas";

/** Queues a `webhook.test` event for one enabled endpoint (delivered by the job like any other). Returns its message id. */
export async function sendTestWebhook(rawInput: WebhookEndpointIdInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<{ messageId: string }> {
  const input = webhookEndpointIdSchema.parse(rawInput);
  const messageId = await db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: input.id }, select: { name: true, enabled: true } });
    if (!endpoint) throw new AppError("not_found", "That endpoint no longer exists.");
    if (!endpoint.enabled) throw new AppError("conflict", "Enable the endpoint first: nothing is sent to a disabled endpoint.");
    const queued = await queueWebhookEvent(tx, { type: WEBHOOK_TEST_EVENT, data: testDataSchema.parse({ endpointId: input.id, message: "A test event from verifyd: your endpoint received and can verify it." }), endpointIds: [input.id] });
    if (!queued) throw new AppError("conflict", "Enable the endpoint first: nothing is sent to a disabled endpoint.");
    await recordAuditEvent(tx, { actor: consoleUserActor(actor), action: "webhook.test_sent", target: { type: "webhook_endpoint", id: input.id, label: endpoint.name }, request, details: { messageId: queued } });
    return queued;
  });
  await forwardJobEvents();
  return { messageId };
}
