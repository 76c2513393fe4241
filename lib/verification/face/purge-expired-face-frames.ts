import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { deleteFrameImage } from "@/lib/verification/requests/evidence-retention";

/**
 * Deletes sealed selfie frames whose retention ran out, and those of verifications that ended without a
 * decision (expired, cancelled), like purgeExpiredEvidence does for document images. Hashes stay (replay check).
 */
export async function purgeExpiredFaceFrames(now = new Date()): Promise<number> {
  const due = await db().faceCaptureFrame.findMany({
    where: { sealedImage: { not: null }, OR: [{ imageDeleteAfter: { lte: now } }, { attempt: { request: { status: { in: ["EXPIRED", "CANCELLED"] } } } }] },
    select: { id: true, attempt: { select: { id: true, requestId: true } } },
    take: 500,
  });
  for (const frame of due) {
    await db().$transaction(async (tx) => {
      await tx.faceCaptureFrame.update({ where: { id: frame.id }, data: deleteFrameImage(now) });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM", label: "evidence retention" },
        action: "verification.evidence_deleted",
        target: { type: "verification_request", id: frame.attempt.requestId },
        details: { faceAttemptId: frame.attempt.id, faceFrameId: frame.id },
      });
    });
  }
  return due.length;
}
