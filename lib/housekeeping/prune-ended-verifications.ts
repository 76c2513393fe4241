import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

const BATCH = 500;

/**
 * Deletes verifications that are over and proved nothing: self-service attempts whose address matched nobody,
 * and verifications that expired or were cancelled without a decision (their evidence goes with them; they have
 * no resets, which need a VERIFIED decision). Decided verifications of real employees are kept. Each batch is
 * deleted with an audit event naming the verifications, in one transaction; their own audit events stay.
 */
export async function pruneEndedVerifications(now: Date = new Date()): Promise<number> {
  const due = await db().verificationRequest.findMany({
    where: {
      status: { in: ["VERIFIED", "FAILED", "EXPIRED", "CANCELLED"] },
      credentialResets: { none: {} },
      OR: [
        { employeeId: null, createdAt: { lt: daysBefore(now, RETENTION_DAYS.unmatchedVerifications) } },
        { status: { in: ["EXPIRED", "CANCELLED"] }, createdAt: { lt: daysBefore(now, RETENTION_DAYS.endedVerifications) } },
      ],
    },
    select: { id: true, employeeId: true },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  if (due.length === 0) return 0;
  return db().$transaction(async (tx) => {
    const deleted = await tx.verificationRequest.deleteMany({ where: { id: { in: due.map((row) => row.id) } } });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "housekeeping" },
      action: "verification.pruned",
      details: { deleted: deleted.count, unmatched: due.filter((row) => row.employeeId === null).length, verificationIds: due.map((row) => row.id) },
    });
    return deleted.count;
  });
}
