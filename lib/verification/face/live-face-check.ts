import type { FaceEvidence } from "@/lib/face/face-analysis";
import type { CheckResult } from "@/lib/verification/decision/compute-decision";

/** The decision's LIVE_FACE check row: what the agent reads (no scores here: they are in the face evidence). */
export function liveFaceCheck(face: FaceEvidence | null, documentHasPortrait: boolean): CheckResult {
  if (!face && !documentHasPortrait) {
    return { check: "LIVE_FACE", required: true, passed: false, detail: "The document photo has no portrait to compare a live face with (a licence's front is not captured yet): use a passport or an ID card." };
  }
  if (!face) return { check: "LIVE_FACE", required: true, passed: false, detail: "No live face check was completed." };
  if (face.passed) return { check: "LIVE_FACE", required: true, passed: true, detail: "A live face matched the document's portrait." };
  return { check: "LIVE_FACE", required: true, passed: false, detail: `The live face check failed: ${face.reasons.join(" ")}` };
}
