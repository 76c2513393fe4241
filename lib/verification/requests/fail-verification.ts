import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { EvidenceRetention } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { retainFaceFrames } from "@/lib/verification/face/retain-face-frames";
import { imageRetentionUpdate, KEEPS_AN_IMAGE } from "@/lib/verification/requests/evidence-retention";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";
import { sessionExpiryFor } from "@/lib/verification/requests/verification-session-lifetime";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { queueVerificationDecidedWebhook } from "@/lib/webhooks/queue-domain-webhooks";

type FailingVerification = { id: string; employeeId: string | null; employee: { login: string } | null; policy: { evidenceRetention: EvidenceRetention } };

/** Ends a verification as FAILED before a full decision (too many wrong codes or unreadable uploads). */
export async function failVerification(verification: FailingVerification, reason: string, request?: { ip?: string; userAgent?: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const failed = await tx.verificationRequest.updateMany({
      where: { id: verification.id, status: "IN_PROGRESS" },
      data: {
        status: "FAILED",
        failureReason: reason,
        decidedAt: new Date(),
        sessionExpiresAt: sessionExpiryFor("FAILED"),
        codeHash: null,
        decision: { outcome: "FAILED", reasons: [reason], claims: [], checks: [], document: null },
      },
    });
    if (failed.count !== 1) return;
    await queueVerificationDecidedWebhook(tx, verification.id);
    await tx.verificationEvidence.updateMany({ where: { requestId: verification.id, ...KEEPS_AN_IMAGE }, data: imageRetentionUpdate(verification.policy.evidenceRetention) });
    await retainFaceFrames(tx, verification.id, verification.policy.evidenceRetention);
    await recordAuditEvent(tx, {
      actor: verificationActor(verification),
      action: "verification.failed",
      target: verificationTarget(verification),
      request,
      details: { reasons: [reason] },
    });
  });
  await forwardJobEvents();
}
