import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { VerificationStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { sessionExpiryFor } from "@/lib/verification/requests/verification-session-lifetime";

const OPEN_STATUSES: VerificationStatus[] = ["PENDING", "OPENED", "IN_PROGRESS"];

/**
 * Marks a verification EXPIRED once its link lifetime has passed (lazily, whenever it is looked at; the
 * scheduled sweep catches the ones nobody looks at). Returns the status now in force.
 */
export async function expireIfDue<T extends { id: string; status: VerificationStatus; expiresAt: Date }>(
  verification: T,
): Promise<{ status: VerificationStatus }> {
  if (!OPEN_STATUSES.includes(verification.status) || verification.expiresAt > new Date()) return { status: verification.status };
  await db().$transaction(async (tx) => {
    const expired = await tx.verificationRequest.updateMany({
      where: { id: verification.id, status: { in: OPEN_STATUSES }, expiresAt: { lte: new Date() } },
      data: { status: "EXPIRED", codeHash: null, sealedLinkToken: null, sessionExpiresAt: sessionExpiryFor("EXPIRED") },
    });
    if (expired.count === 1) {
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM", label: "verification expiry" },
        action: "verification.expired",
        target: { type: "verification_request", id: verification.id },
      });
    }
  });
  return { status: "EXPIRED" };
}

/** Scheduled sweep: expires every open verification whose lifetime has passed. Returns how many. */
export async function expireOverdueVerifications(): Promise<number> {
  const overdue = await db().verificationRequest.findMany({
    where: { status: { in: OPEN_STATUSES }, expiresAt: { lte: new Date() } },
    select: { id: true, status: true, expiresAt: true, employeeId: true },
    take: 500,
  });
  for (const verification of overdue) await expireIfDue(verification);
  return overdue.length;
}
