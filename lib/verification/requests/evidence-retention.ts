import type { Prisma } from "@/lib/db/generated/client";
import type { EvidenceRetention } from "@/lib/db/generated/enums";

const RETENTION_DAYS: Record<EvidenceRetention, number> = { DELETE_ON_DECISION: 0, KEEP_7_DAYS: 7, KEEP_30_DAYS: 30 };

// Each update literal is typed as its own model's input where it is written, so a column the model lacks fails the
// type check there (untyped, the union a function returns escaped it and failed only at run time, in CI).
type EvidenceImageUpdate = Prisma.VerificationEvidenceUpdateManyMutationInput;
type FrameImageUpdate = Prisma.FaceCaptureFrameUpdateManyMutationInput;

/** Evidence rows still holding an image: the photo that was read, or a card's front kept beside it. */
export const KEEPS_AN_IMAGE = { OR: [{ sealedImage: { not: null } }, { frontSealedImage: { not: null } }] };

/** The update that deletes every image an evidence row keeps. */
export function deleteEvidenceImages(now = new Date()): EvidenceImageUpdate {
  return { sealedImage: null, frontSealedImage: null, imageDeletedAt: now, imageDeleteAfter: null };
}

/** The update that deletes a selfie frame's one image (its hash stays for the replay check). */
export function deleteFrameImage(now = new Date()): FrameImageUpdate {
  return { sealedImage: null, imageDeletedAt: now, imageDeleteAfter: null };
}

/** When the retention sweep deletes images kept past the decision; null: at the decision. */
function retentionDeadline(retention: EvidenceRetention, now: Date): Date | null {
  const days = RETENTION_DAYS[retention];
  return days === 0 ? null : new Date(now.getTime() + days * 86_400_000);
}

/** What happens to an evidence row's images once a decision is made: deleted now, or scheduled for the retention sweep. */
export function imageRetentionUpdate(retention: EvidenceRetention, now = new Date()): EvidenceImageUpdate {
  const deadline = retentionDeadline(retention, now);
  return deadline ? { imageDeleteAfter: deadline } : deleteEvidenceImages(now);
}

/** The same retention for a selfie frame. */
export function frameRetentionUpdate(retention: EvidenceRetention, now = new Date()): FrameImageUpdate {
  const deadline = retentionDeadline(retention, now);
  return deadline ? { imageDeleteAfter: deadline } : deleteFrameImage(now);
}
