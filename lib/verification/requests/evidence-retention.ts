import type { EvidenceRetention } from "@/lib/db/generated/enums";

const RETENTION_DAYS: Record<EvidenceRetention, number> = { DELETE_ON_DECISION: 0, KEEP_7_DAYS: 7, KEEP_30_DAYS: 30 };

/** What happens to stored images once a decision is made: deleted now, or scheduled for the retention sweep. */
export function imageRetentionUpdate(retention: EvidenceRetention, now = new Date()) {
  const days = RETENTION_DAYS[retention];
  if (days === 0) return { sealedImage: null, imageDeletedAt: now, imageDeleteAfter: null };
  return { imageDeleteAfter: new Date(now.getTime() + days * 86_400_000) };
}
