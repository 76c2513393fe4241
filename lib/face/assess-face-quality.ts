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
  const [face, second] = analysis.faces;
  if (face == null) return { ok: false, face: null, reasons: [{ code: "NO_FACE", message: "No face was found in the image." }] };
  const reasons: FaceQualityReason[] = [];
  const add = (code: FaceQualityCode, message: string): void => {
    reasons.push({ code, message });
  };
  if (second != null && area(second) >= limits.secondFaceAreaRatio * area(face)) {
    add("SEVERAL_FACES", "More than one face is in the image: only the person being verified should be visible.");
  }
  if (!face.complete) add("FACE_NOT_MEASURABLE", "The face could not be measured: face the camera in good light.");
  const widthPixels = face.box.width * analysis.width;
  if (widthPixels < limits.minFacePixels || face.box.width < limits.minFaceWidthFraction) {
    add("FACE_TOO_SMALL", "The face is too small in the picture: come closer.");
  }
  // human's box adds a margin round the face; one touching two opposite borders is a crop of the face, not cut.
  const edge = 0.005;
  const touches = [face.box.x <= edge, face.box.y <= edge, face.box.x + face.box.width >= 1 - edge, face.box.y + face.box.height >= 1 - edge];
  const cut = (touches[0] !== touches[2] || touches[1] !== touches[3]) && touches.some(Boolean);
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
