import type { Prisma } from "@/lib/db/generated/client";
import type { EvidenceRetention } from "@/lib/db/generated/enums";
import { frameRetentionUpdate } from "@/lib/verification/requests/evidence-retention";

/**
 * Applies the evidence retention to a verification's selfie frames, like the document images: deleted at the
 * decision or scheduled for the retention sweep. Called inside the decision's transaction. Returns how many.
 */
export async function retainFaceFrames(tx: Prisma.TransactionClient, requestId: string, retention: EvidenceRetention): Promise<number> {
  const { count } = await tx.faceCaptureFrame.updateMany({ where: { attempt: { requestId }, sealedImage: { not: null } }, data: frameRetentionUpdate(retention) });
  return count;
}
