import type { FaceEvidence } from "@/lib/face/face-analysis";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";

/** A live face that matched a licence portrait with its challenge passed: what a genuine employee's face step hands over. */
export const LIVE_FACE_MATCH: FaceEvidence = {
  portraitSource: "LICENCE_FRONT",
  similarity: 0.78,
  threshold: 0.6,
  antispoofScore: 0.93,
  livenessScore: 0.88,
  challengePassed: true,
  passed: true,
  reasons: [],
};

/** What the stubbed face step returns; tests set it per case. */
export const storedFace: { current: FaceEvidence | null } = { current: null };

/**
 * Stands in for a live face the tests cannot perform (a licence front is not captured yet): what `storedFace`
 * holds when a test sets it, otherwise the real stored outcome. Use as
 * `vi.mock("@/lib/verification/requests/face-evidence-of", async (actual) => (await import("@/lib/verification/testing/face-evidence-fixtures")).faceEvidenceSeam(await actual()))`.
 */
export function faceEvidenceSeam(actual: { faceEvidenceOf: (session: VerificationSession) => FaceEvidence | null }) {
  return { faceEvidenceOf: (session: VerificationSession): FaceEvidence | null => storedFace.current ?? actual.faceEvidenceOf(session) };
}
