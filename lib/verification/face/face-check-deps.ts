import { getFaceEngine } from "@/lib/face/face-engine";
import { faceSimilarity } from "@/lib/face/face-similarity";
import { DEFAULT_FACE_MATCH_THRESHOLD } from "@/lib/face/match-threshold";
import type { FaceCheckDeps } from "@/lib/verification/face/evaluate-face-capture";
import type { FaceThresholds } from "@/lib/verification/face/judge-face-capture";

/**
 * Thresholds until the assurance policy sets them. `match` is the face engine's measured default
 * (lib/face/match-threshold: 0.60, FMR 0.22%, FNMR 29% on its labelled set), held by every frame that faces the
 * camera. `samePerson` compares a turned frame with the first: in real head-turn footage (lib/face/testing/
 * head-turn, 640x360 frames) one person turned ~20° scored 0.38-0.81 against his frontal frame while strangers
 * of the labelled set reached 0.59 against it, so no threshold separates them; 0.4 only refuses an obvious swap,
 * and the binding rests on the frontal frames' portrait match. The passive scores are human's antispoof/liveness
 * outputs, 0.5 being the models' own decision boundary (ordinary photos score 0.6-0.9 antispoof, real footage
 * dipped to 0.35 in one frame: a weak signal on its own).
 */
export const DEFAULT_FACE_THRESHOLDS: FaceThresholds = { match: DEFAULT_FACE_MATCH_THRESHOLD, samePerson: 0.4, antispoof: 0.5, liveness: 0.5 };

/** The production engine, similarity and thresholds. */
export async function defaultFaceCheckDeps(): Promise<FaceCheckDeps> {
  return { engine: await getFaceEngine(), similarity: faceSimilarity, thresholds: DEFAULT_FACE_THRESHOLDS };
}
