import type { FaceEvidence } from "@/lib/face/face-analysis";

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
 * Stands in for the face step's stored outcome until it exists in this checkout:
 * `vi.mock("@/lib/verification/requests/face-evidence-of", async () => (await import("@/lib/verification/testing/face-evidence-fixtures")).faceEvidenceSeam)`.
 */
export const faceEvidenceSeam = { faceEvidenceOf: (): FaceEvidence | null => storedFace.current };
