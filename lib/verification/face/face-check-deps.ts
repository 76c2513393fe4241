import { getFaceEngine } from "@/lib/face/face-engine";
import { faceSimilarity } from "@/lib/face/face-similarity";
import type { FaceCheckDeps } from "@/lib/verification/face/evaluate-face-capture";
import type { FaceThresholds } from "@/lib/verification/face/judge-face-capture";

/**
 * Thresholds until the assurance policy sets them. `match` is the face engine's measured default (0.60: FMR
 * 0.22%, FNMR 29% on its labelled set; lib/face/match-threshold once merged). `samePerson` compares frames of
 * one sitting with the head turned up to ~30°, where cosine drops for one person but stays far above
 * strangers (0.0-0.4). The passive scores are human's antispoof/liveness outputs, 0.5 being the models' own
 * decision boundary.
 */
export const DEFAULT_FACE_THRESHOLDS: FaceThresholds = { match: 0.6, samePerson: 0.5, antispoof: 0.5, liveness: 0.5 };

/** The production engine, similarity and thresholds. */
export async function defaultFaceCheckDeps(): Promise<FaceCheckDeps> {
  return { engine: await getFaceEngine(), similarity: faceSimilarity, thresholds: DEFAULT_FACE_THRESHOLDS };
}
