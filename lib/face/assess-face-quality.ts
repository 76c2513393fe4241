import type { DetectedFace, FaceAnalysis } from "./face-analysis";

export type FaceQualityCode =
  | "NO_FACE"
  | "SEVERAL_FACES"
  | "FACE_NOT_MEASURABLE"
  | "FACE_TOO_SMALL"
  | "FACE_CUT_OFF"
  | "NOT_FRONTAL"
  | "TOO_DARK"
  | "TOO_BRIGHT"
  | "BLURRY";

export type FaceQualityReason = { code: FaceQualityCode; message: string };

export type FaceQuality = { ok: boolean; face: DetectedFace | null; reasons: FaceQualityReason[] };

export type FaceQualityLimits = {
  /** Face box width in pixels of the analysed image; below it the descriptor is unreliable. */
  minFacePixels: number;
  /** Face box width as a share of the image width (a selfie should fill the oval; a document page need not). */
  minFaceWidthFraction: number;
  /** A second face at least this share of the main face's area makes the image ambiguous. */
  secondFaceAreaRatio: number;
  /** ...with at least this detector confidence: weaker ones were detector noise in tight crops (0.33 on the set). */
  minSecondFaceScore: number;
  maxYawDegrees: number;
  maxPitchDegrees: number;
  maxRollDegrees: number;
  minLuminance: number;
  maxLuminance: number;
  minSharpness: number;
};

/**
 * Limits for a document portrait (the face is small on a photographed page). Sharpness and light limits are set
 * below every photo of the real-face set (bench:face prints them), so they catch a smeared or black frame, not a
 * plain indoor photo.
 */
export const PORTRAIT_QUALITY: FaceQualityLimits = {
  minFacePixels: 64,
  minFaceWidthFraction: 0,
  secondFaceAreaRatio: 0.25,
  minSecondFaceScore: 0.5,
  maxYawDegrees: 25,
  maxPitchDegrees: 25,
  maxRollDegrees: 30,
  minLuminance: 45,
  maxLuminance: 220,
  minSharpness: 25,
};

/** A live selfie: the face fills a good part of the frame, as the capture's oval asks. */
export const SELFIE_QUALITY: FaceQualityLimits = { ...PORTRAIT_QUALITY, minFacePixels: 96, minFaceWidthFraction: 0.18 };

/**
 * Judges whether an image holds exactly one dominant, usable face. Every failed check is reported (not just the
 * first), each with a sentence the person can act on. `face` is the dominant face even when checks fail, so a
 * caller can still show where it was.
 */
export function assessFaceQuality(analysis: FaceAnalysis, limits: FaceQualityLimits = PORTRAIT_QUALITY): FaceQuality {
  const [face, ...others] = analysis.faces;
  if (face == null) return { ok: false, face: null, reasons: [{ code: "NO_FACE", message: "No face was found in the image." }] };
  const reasons: FaceQualityReason[] = [];
  const add = (code: FaceQualityCode, message: string): void => {
    reasons.push({ code, message });
  };
  if (others.some((other) => other.detectionScore >= limits.minSecondFaceScore && area(other) >= limits.secondFaceAreaRatio * area(face))) {
    add("SEVERAL_FACES", "More than one face is in the image: only the person being verified should be visible.");
  }
  if (!face.complete) add("FACE_NOT_MEASURABLE", "The face could not be measured: face the camera in good light.");
  const widthPixels = face.box.width * analysis.width;
  if (widthPixels < limits.minFacePixels || face.box.width < limits.minFaceWidthFraction) {
    add("FACE_TOO_SMALL", "The face is too small in the picture: come closer.");
  }
  // human's face box is square in pixels and clipped at the image border. A clipped box touching the border is
  // a face cut off (a crop through the chin); a square one touching it is only its margin of hair or chin, as in
  // a close crop or a close selfie, which is fine.
  const widthPx = face.box.width * analysis.width;
  const heightPx = face.box.height * analysis.height;
  const edge = 0.005;
  const touchesX = face.box.x <= edge || face.box.x + face.box.width >= 1 - edge;
  const touchesY = face.box.y <= edge || face.box.y + face.box.height >= 1 - edge;
  const cut = (touchesX && widthPx < 0.85 * heightPx) || (touchesY && heightPx < 0.85 * widthPx);
  if (cut) add("FACE_CUT_OFF", "Part of the face is outside the picture: centre your face.");
  const { yawDegrees, pitchDegrees, rollDegrees } = face.pose;
  if (Math.abs(yawDegrees) > limits.maxYawDegrees || Math.abs(pitchDegrees) > limits.maxPitchDegrees || Math.abs(rollDegrees) > limits.maxRollDegrees) {
    add("NOT_FRONTAL", "The face is turned away: look straight at the camera.");
  }
  if (face.exposure.meanLuminance < limits.minLuminance) add("TOO_DARK", "The face is too dark: find more light, facing you.");
  if (face.exposure.meanLuminance > limits.maxLuminance) add("TOO_BRIGHT", "The face is too bright: avoid direct light or glare.");
  if (face.exposure.sharpness < limits.minSharpness) add("BLURRY", "The picture is blurred: hold still and let the camera focus.");
  return { ok: reasons.length === 0, face, reasons };
}

const area = (face: DetectedFace): number => face.box.width * face.box.height;
