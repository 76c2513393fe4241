import type { AuditAction } from "@/lib/audit/audit-actions";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/prisma";

export type AuditActor =
  | { type: "CONSOLE_USER"; id: string; label: string }
  | { type: "EMPLOYEE"; id: string; label: string }
  | { type: "SYSTEM"; label: string }
  | { type: "ANONYMOUS"; label?: string };

/** The audit actor for a console user (their e-mail is kept as the label, even if the account is renamed later). */
export function consoleUserActor(user: { id: string; email: string }): AuditActor {
  return { type: "CONSOLE_USER", id: user.id, label: user.email };
}

export type AuditEventInput = {
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id?: string; label?: string };
  request?: { ip?: string; userAgent?: string };
  details?: Record<string, Prisma.InputJsonValue | null>;
};

// Defence in depth: whatever a caller passes, values under these keys never reach the audit log.
const SECRET_KEY = /pass(word)?|secret|token|otp|code|key|assertion|credential/i;

function redact(details: AuditEventInput["details"]): Prisma.InputJsonObject {
  const safe: Record<string, Prisma.InputJsonValue | null> = {};
  for (const [key, value] of Object.entries(details ?? {})) safe[key] = SECRET_KEY.test(key) ? "[redacted]" : value;
  return safe;
}

/**
 * Appends one audit event. Takes the transaction client on purpose: a security-relevant change and its
 * event commit or roll back together. (Events with no change of their own, such as a failed sign-in, pass
 * the plain client.)
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: event.actor.type,
      actorId: "id" in event.actor ? event.actor.id : null,
      actorLabel: event.actor.label ?? null,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      targetLabel: event.target?.label ?? null,
      ip: event.request?.ip ?? null,
      userAgent: event.request?.userAgent?.slice(0, 512) ?? null,
      details: redact(event.details),
    },
  });
}
