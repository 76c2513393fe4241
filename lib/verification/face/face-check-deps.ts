import { getFaceEngine } from "@/lib/face/face-engine";
import { faceSimilarity } from "@/lib/face/face-similarity";
import { DEFAULT_FACE_MATCH_THRESHOLD } from "@/lib/face/match-threshold";
import type { FaceCheckDeps } from "@/lib/verification/face/evaluate-face-capture";
import type { FaceThresholds } from "@/lib/verification/face/judge-face-capture";

/**
 * Thresholds until the assurance policy sets them. `match` is the face engine's measured default
 * (lib/face/match-threshold: 0.60, FMR 0.22%, FNMR 29% on its labelled set). `samePerson` compares frames of one
 * sitting with the head turned: different photos of one person in the set score 0.57-0.64 against each other,
 * strangers 0.36-0.39, so 0.5 lies between. The passive scores are human's antispoof/liveness outputs, 0.5 being
 * the models' own decision boundary (ordinary photos score 0.6-0.9 antispoof: it is a weak signal on its own).
 */
export const DEFAULT_FACE_THRESHOLDS: FaceThresholds = { match: DEFAULT_FACE_MATCH_THRESHOLD, samePerson: 0.5, antispoof: 0.5, liveness: 0.5 };

/** The production engine, similarity and thresholds. */
export async function defaultFaceCheckDeps(): Promise<FaceCheckDeps> {
  return { engine: await getFaceEngine(), similarity: faceSimilarity, thresholds: DEFAULT_FACE_THRESHOLDS };
}
