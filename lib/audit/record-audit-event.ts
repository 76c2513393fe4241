import { z } from "zod";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { hashAuditRow } from "@/lib/audit/audit-chain";
import { redactAuditDetails } from "@/lib/audit/redact-audit-details";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/prisma";

export type AuditActor =
  | { type: "CONSOLE_USER"; id: string; label: string }
  | { type: "EMPLOYEE"; id: string; label: string }
  | { type: "SYSTEM"; label: string }
  | { type: "ANONYMOUS"; label?: string }
  | { type: "API_KEY"; id: string; label: string };

/** The audit actor for a console user (their e-mail is kept as the label, even if the account is renamed later). */
export function consoleUserActor(user: { id: string; email: string }): AuditActor {
  return { type: "CONSOLE_USER", id: user.id, label: user.email };
}

/** The audit actor for a call made with an API key (its name as the label: the key itself is never recorded). */
export function apiKeyActor(key: { id: string; name: string }): AuditActor {
  return { type: "API_KEY", id: key.id, label: key.name };
}

export type AuditEventInput = {
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id?: string; label?: string };
  request?: { ip?: string; userAgent?: string };
  details?: Record<string, Prisma.InputJsonValue | null>;
};

type StoredJson = string | number | boolean | null | StoredJson[] | { [key: string]: StoredJson };
const storedJsonSchema: z.ZodType<StoredJson> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(storedJsonSchema), z.record(z.string(), storedJsonSchema)]),
);
const storedDetailsSchema = z.record(z.string(), storedJsonSchema);
const headSchema = z.object({ seq: z.bigint(), hash: z.string() });

/**
 * Appends one audit event, chained to the previous one (lib/audit/audit-chain.ts). Takes the transaction
 * client on purpose: a security-relevant change and its event commit or roll back together. (Events with no
 * change of their own, such as a failed sign-in, pass the plain client and get a transaction of their own.)
 *
 * The chain head row is locked (FOR UPDATE) until the transaction ends, so audited transactions append one
 * after another: record the event after the transaction's other writes, keep such transactions short, and
 * make no outside calls inside them.
 */
export async function recordAuditEvent(client: Tx | Db, event: AuditEventInput): Promise<void> {
  if ("$transaction" in client) {
    // A burst (hundreds of failed sign-ins) queues behind the chain head: wait for a connection longer than
    // Prisma's default 2 s rather than drop the event.
    await client.$transaction((tx) => appendChained(tx, event), { maxWait: 10_000, timeout: 15_000 });
    return;
  }
  await appendChained(client, event);
}

async function appendChained(tx: Tx, event: AuditEventInput): Promise<void> {
  // What is hashed must be exactly what is stored and read back: the details as JSON round-trips them
  // (undefined dropped), the time at the column's millisecond precision.
  const details = storedDetailsSchema.parse(JSON.parse(JSON.stringify(redactAuditDetails(event.details))));
  const rows = await tx.$queryRaw<unknown[]>`SELECT "seq", "hash" FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`;
  const head = headSchema.parse(rows[0]);
  const content = {
    chainSeq: head.seq + 1n,
    occurredAt: new Date(),
    actorType: event.actor.type,
    actorId: "id" in event.actor ? event.actor.id : null,
    actorLabel: event.actor.label ?? null,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    targetLabel: event.target?.label ?? null,
    ip: event.request?.ip ?? null,
    userAgent: event.request?.userAgent?.slice(0, 512) ?? null,
    details,
  };
  const hash = hashAuditRow(head.hash, content);
  await tx.auditEvent.create({ data: { ...content, prevHash: head.hash, hash } });
  await tx.auditChainHead.update({ where: { id: 1 }, data: { seq: content.chainSeq, hash } });
}

