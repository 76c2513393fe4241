import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { type RotateWebhookSecretInput, rotateWebhookSecretSchema } from "@/lib/webhooks/webhook-schemas";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/webhook-secrets";

const OVERLAP_MS = 24 * 60 * 60_000;

/**
 * Replaces the signing secret (audited) and returns the new one this once. With the default overlap the old one
 * keeps signing beside it for 24 hours (Standard Webhooks sends several signatures in one header, and a receiver
 * accepts any it can verify), so the receiver can be updated without losing a delivery; `overlap: "none"` stops
 * it at once (a leaked secret).
 */
export async function rotateWebhookSecret(rawInput: RotateWebhookSecretInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<{ id: string; name: string; secret: string; previousValidUntil: Date | null }> {
  const input = rotateWebhookSecretSchema.parse(rawInput);
  const secret = generateWebhookSecret();
  const now = new Date();
  const previousValidUntil = input.overlap === "24h" ? new Date(now.getTime() + OVERLAP_MS) : null;
  const name = await db().$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findUnique({ where: { id: input.id }, select: { name: true, sealedSecret: true } });
    if (!current) throw new AppError("not_found", "That endpoint no longer exists.");
    await tx.webhookEndpoint.update({
      where: { id: input.id },
      data: { sealedSecret: sealWebhookSecret(input.id, secret), secretRotatedAt: now, previousSealedSecret: previousValidUntil ? current.sealedSecret : null, previousSecretExpiresAt: previousValidUntil },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "webhook.secret_rotated",
      target: { type: "webhook_endpoint", id: input.id, label: current.name },
      request,
      details: { previousSecretValidUntil: previousValidUntil?.toISOString() ?? null },
    });
    return current.name;
  });
  return { id: input.id, name, secret, previousValidUntil };
}
