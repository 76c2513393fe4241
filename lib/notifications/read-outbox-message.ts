import { z } from "zod";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { OutboxMessageSummary } from "@/lib/notifications/list-outbox-messages";
import { type OutboxBody, openOutboxBody } from "@/lib/notifications/outbox-body";

export type OutboxMessageDetail = OutboxMessageSummary & {
  /** Null once the message was sent through a real transport (the body is not kept). */
  body: OutboxBody | null;
};

/**
 * Opens one message for an admin. Reading a body that may hold a live verification link or code is
 * security-relevant, so the read and its audit event commit together: no event, no body.
 */
export async function readOutboxMessage(
  actor: AuditActor,
  id: string,
  request?: { ip?: string; userAgent?: string },
): Promise<OutboxMessageDetail> {
  const messageId = z.uuid().safeParse(id);
  if (!messageId.success) throw new AppError("not_found", "That message does not exist.");
  return db().$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({ where: { id: messageId.data } });
    if (!message) throw new AppError("not_found", "That message does not exist.");
    const { sealedBody, ...envelope } = message;
    const body = sealedBody ? openOutboxBody(message.id, sealedBody) : null;
    await recordAuditEvent(tx, {
      actor,
      action: "outbox.message_viewed",
      target: { type: "outbox_message", id: message.id, label: message.subject ?? "Text message" },
      request,
      details: {
        channel: message.channel,
        status: message.status,
        bodyShown: body !== null,
        ...(message.relatedType ? { relatedType: message.relatedType, relatedId: message.relatedId } : {}),
      },
    });
    return { ...envelope, body };
  });
}
