import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/**
 * Withdraws an open verification: its link and session stop working at once. `takeOver` names the initiator when
 * an administrator cancels someone else's verification (or an employee's self-service one), so the log says so.
 */
export async function cancelVerification(id: string, actor: AuditActor, request?: { ip?: string; userAgent?: string }, takeOver?: { initiatedById: string | null }): Promise<void> {
  await db().$transaction(async (tx) => {
    const [cancelled] = await tx.verificationRequest.updateManyAndReturn({
      where: { id, status: { in: ["PENDING", "OPENED", "IN_PROGRESS"] } },
      data: { status: "CANCELLED", cancelledAt: new Date(), codeHash: null, sealedLinkToken: null, failureReason: "Cancelled by the service desk." },
      select: { id: true, employee: { select: { login: true } } },
    });
    if (!cancelled) throw new AppError("conflict", "This verification has already ended.");
    await recordAuditEvent(tx, {
      actor,
      action: "verification.cancelled",
      target: { type: "verification_request", id, label: cancelled.employee?.login },
      request,
      ...(takeOver ? { details: { takeOver: true, initiatedById: takeOver.initiatedById ?? "self-service" } } : {}),
    });
  });
}
