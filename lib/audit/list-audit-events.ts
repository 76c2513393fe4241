import { type AuditFilter, auditFilterWhere } from "@/lib/audit/audit-filter";
import { db } from "@/lib/db/prisma";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
};

/** One page of events, newest first, with keyset pagination on the (monotonic) id. */
export async function listAuditEvents(filter: AuditFilter): Promise<{ events: AuditEventRow[]; nextBefore?: string }> {
  const rows = await db().auditEvent.findMany({
    where: { ...auditFilterWhere(filter), ...(filter.before ? { id: { lt: BigInt(filter.before) } } : {}) },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    // The chain fields are for `npm run audit:verify`; the page would only have to serialise a bigint.
    omit: { chainSeq: true, prevHash: true, hash: true },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    events: page.map((row) => ({ ...row, id: row.id.toString() })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]?.id.toString() : undefined,
  };
}
