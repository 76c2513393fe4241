import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { type WebhookEndpointIdInput, webhookEndpointIdSchema } from "@/lib/webhooks/webhook-schemas";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/webhook-secrets";

/**
 * Replaces the signing secret at once (audited) and returns the new one this once. Attempts from now on are signed
 * with it only: update the receiver right away (a delivery that fails meanwhile is retried with the new secret).
 */
export async function rotateWebhookSecret(rawInput: WebhookEndpointIdInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<{ id: string; name: string; secret: string }> {
  const input = webhookEndpointIdSchema.parse(rawInput);
  const secret = generateWebhookSecret();
  const name = await db().$transaction(async (tx) => {
    const rotated = await tx.webhookEndpoint.updateMany({ where: { id: input.id }, data: { sealedSecret: sealWebhookSecret(input.id, secret), secretRotatedAt: new Date() } });
    if (rotated.count !== 1) throw new AppError("not_found", "That endpoint no longer exists.");
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: input.id }, select: { name: true } });
    await recordAuditEvent(tx, { actor: consoleUserActor(actor), action: "webhook.secret_rotated", target: { type: "webhook_endpoint", id: input.id, label: endpoint.name }, request });
    return endpoint.name;
  });
  return { id: input.id, name, secret };
}
