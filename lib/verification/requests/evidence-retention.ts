import type { EvidenceRetention } from "@/lib/db/generated/enums";

const RETENTION_DAYS: Record<EvidenceRetention, number> = { DELETE_ON_DECISION: 0, KEEP_7_DAYS: 7, KEEP_30_DAYS: 30 };

/** Evidence rows still holding an image: the photo that was read, or a card's front kept beside it. */
export const KEEPS_AN_IMAGE = { OR: [{ sealedImage: { not: null } }, { frontSealedImage: { not: null } }] };

/** The update that deletes every image an evidence row keeps. */
export function deleteEvidenceImages(now = new Date()) {
  return { sealedImage: null, frontSealedImage: null, imageDeletedAt: now, imageDeleteAfter: null };
}

/** What happens to an evidence row's images once a decision is made: deleted now, or scheduled for the retention sweep. */
export function imageRetentionUpdate(retention: EvidenceRetention, now = new Date()) {
  const days = RETENTION_DAYS[retention];
  if (days === 0) return deleteEvidenceImages(now);
  return { imageDeleteAfter: new Date(now.getTime() + days * 86_400_000) };
}

/** The same retention for a selfie frame, which keeps one image only. */
export function frameRetentionUpdate(retention: EvidenceRetention, now = new Date()) {
  const days = RETENTION_DAYS[retention];
  if (days === 0) return { sealedImage: null, imageDeletedAt: now, imageDeleteAfter: null };
  return { imageDeleteAfter: new Date(now.getTime() + days * 86_400_000) };
}
