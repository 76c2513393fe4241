import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { deleteEvidenceImages, KEEPS_AN_IMAGE } from "@/lib/verification/requests/evidence-retention";

/**
 * Deletes sealed evidence images whose retention has run out (KEEP_7_DAYS / KEEP_30_DAYS), and images of
 * verifications that ended without a decision (expired, cancelled). Hashes and extracted claims stay.
 */
export async function purgeExpiredEvidence(now = new Date()): Promise<number> {
  const due = await db().verificationEvidence.findMany({
    where: {
      AND: [KEEPS_AN_IMAGE, { OR: [{ imageDeleteAfter: { lte: now } }, { request: { status: { in: ["EXPIRED", "CANCELLED"] } } }] }],
    },
    select: { id: true, requestId: true },
    take: 500,
  });
  for (const evidence of due) {
    await db().$transaction(async (tx) => {
      await tx.verificationEvidence.update({ where: { id: evidence.id }, data: deleteEvidenceImages(now) });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM", label: "evidence retention" },
        action: "verification.evidence_deleted",
        target: { type: "verification_request", id: evidence.requestId },
        details: { evidenceId: evidence.id },
      });
    });
  }
  return due.length;
}
