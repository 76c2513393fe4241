import type { FaceEvidence } from "@/lib/face/face-analysis";
import type { CheckResult } from "@/lib/verification/decision/check-result";

const PORTRAIT_LABELS: Record<FaceEvidence["portraitSource"], string> = { PASSPORT_PHOTO_PAGE: "passport photo page", ID_CARD_FRONT: "ID card", LICENCE_FRONT: "licence front", MDOC_PORTRAIT: "wallet ID's signed portrait" };

/**
 * The decision's LIVE_FACE check row, for the agent: a pass names the portrait and the figures; a failure its
 * reasons only (a failed check's detail becomes a decision reason, and those go into the audit log, which
 * carries no scores).
 */
export function liveFaceCheck(face: FaceEvidence | null, documentHasPortrait: boolean): CheckResult {
  if (!face && !documentHasPortrait) {
    return { check: "LIVE_FACE", required: true, passed: false, detail: "The document photo has no portrait to compare a live face with (a licence's front is not captured yet): use a passport or an ID card." };
  }
  if (!face) return { check: "LIVE_FACE", required: true, passed: false, detail: "No live face check was completed." };
  if (face.passed) {
    const figures = `similarity ${face.similarity.toFixed(2)} (threshold ${face.threshold.toFixed(2)}), anti-spoof ${face.antispoofScore.toFixed(2)}, liveness ${face.livenessScore.toFixed(2)}`;
    return { check: "LIVE_FACE", required: true, passed: true, detail: `A live face matched the ${PORTRAIT_LABELS[face.portraitSource]} portrait, challenge performed: ${figures}.` };
  }
  return { check: "LIVE_FACE", required: true, passed: false, detail: `The live face check failed: ${face.reasons.join(" ")}` };
}
