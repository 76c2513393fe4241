import { assessFaceQuality, PORTRAIT_QUALITY, SELFIE_QUALITY } from "@/lib/face/assess-face-quality";
import type { DetectedFace, FaceAnalysis, FaceEvidence, PortraitSource } from "@/lib/face/face-analysis";
import type { FaceMove } from "@/lib/verification/face/face-challenge";

export type FaceThresholds = {
  /** Portrait vs selfie (the policy's threshold; the engine's measured default for now). */
  match: number;
  /** Frame 0 vs every later frame: the same person performed the whole challenge. */
  samePerson: number;
  antispoof: number;
  liveness: number;
};

export type FaceCaptureInput = {
  moves: readonly FaceMove[];
  /** One analysis per frame, in schedule order: frame 0 straight ahead, then one per move. */
  frames: readonly FaceAnalysis[];
  /** The portrait on the accepted document's photo, or null when there is none to compare with. */
  portrait: { source: PortraitSource; analysis: FaceAnalysis } | null;
  /** Two or more frames of the attempt were byte-identical (a still image fed as the camera). */
  identicalFrames: boolean;
  similarity: (a: readonly number[], b: readonly number[]) => number;
  thresholds: FaceThresholds;
};

export const FACE_MISMATCH_REASON = "The face does not match the document's portrait.";

/** Frame 0 must face the camera, roughly; a turn must move the yaw this far from it; closer must grow the box. */
const FRONTAL_MAX_YAW = 20;
const TURN_MIN_DEGREES = 15;
const CLOSER_MIN_GROWTH = 1.2;

/** Whether `face` shows `move` performed, measured against the frame taken straight ahead. */
export function showsMove(move: FaceMove, baseline: DetectedFace, face: DetectedFace): boolean {
  const yawChange = face.pose.yawDegrees - baseline.pose.yawDegrees;
  switch (move) {
    // The engine's yaw grows as the person turns to their left (the contract: yaw < 0 = turned to their right).
    case "TURN_LEFT":
      return yawChange >= TURN_MIN_DEGREES;
    case "TURN_RIGHT":
      return yawChange <= -TURN_MIN_DEGREES;
    case "COME_CLOSER":
      return face.box.width >= baseline.box.width * CLOSER_MIN_GROWTH && Math.abs(yawChange) < TURN_MIN_DEGREES;
  }
}

/**
 * The live-face rules, in one place, as data in and FaceEvidence out: one face in every frame; the first one
 * facing the camera; each later frame showing its move, in order; the same person throughout; passive
 * anti-spoof and liveness above their thresholds (taken on the frames facing the camera, which is what those
 * models were trained on); and the portrait on the document matching the selfie. Every failed rule is listed.
 */
export function judgeFaceCapture(input: FaceCaptureInput): FaceEvidence {
  const reasons: string[] = [];
  const { thresholds } = input;
  // The engine helper's quality rules pick each frame's dominant face (a faint or tiny second detection is not a
  // second person); a frame with no face, two people, or a face it could not measure has no face to judge.
  const qualities = input.frames.map((frame) => assessFaceQuality(frame, SELFIE_QUALITY));
  const unusable = (codes: string[]) => codes.some((code) => code === "NO_FACE" || code === "SEVERAL_FACES" || code === "FACE_NOT_MEASURABLE");
  const faces = qualities.map((quality) => (unusable(quality.reasons.map((reason) => reason.code)) ? null : quality.face));
  const codes = new Set(qualities.flatMap((quality) => quality.reasons.map((reason) => reason.code)));
  if (codes.has("NO_FACE")) reasons.push("No face was found in at least one selfie frame.");
  if (codes.has("SEVERAL_FACES")) reasons.push("More than one face was in a selfie frame.");
  if (codes.has("FACE_NOT_MEASURABLE")) reasons.push("A face in a selfie frame could not be measured.");
  // Frame 0 is the one compared with the portrait: it must be a good picture (light, sharpness, size, frontal).
  const firstFrame = qualities[0];
  if (firstFrame && faces[0]) for (const reason of firstFrame.reasons) reasons.push(`First selfie frame: ${reason.message}`);
  if (input.frames.length !== input.moves.length + 1) reasons.push("The selfie frames are incomplete.");
  if (input.identicalFrames) reasons.push("Selfie frames were identical: a still image, not a live camera.");

  const baseline = faces[0] ?? null;
  let challengePassed = !input.identicalFrames && faces.length === input.moves.length + 1 && faces.every(Boolean);
  if (baseline && Math.abs(baseline.pose.yawDegrees) > FRONTAL_MAX_YAW) {
    challengePassed = false;
    reasons.push("The first selfie frame did not face the camera.");
  }
  if (baseline) {
    input.moves.forEach((move, step) => {
      const face = faces[step + 1];
      if (face && !showsMove(move, baseline, face)) {
        challengePassed = false;
        reasons.push(`Challenge step ${step + 1} (${move}) was not performed.`);
      }
    });
    const strangers = faces.slice(1).filter((face) => face && input.similarity(baseline.descriptor, face.descriptor) < thresholds.samePerson);
    if (strangers.length > 0) {
      challengePassed = false;
      reasons.push("The selfie frames do not all show the same person.");
    }
  }

  const frontal = faces.filter((face): face is DetectedFace => Boolean(face && baseline && Math.abs(face.pose.yawDegrees - baseline.pose.yawDegrees) < TURN_MIN_DEGREES));
  const antispoofScore = frontal.length > 0 ? Math.min(...frontal.map((face) => face.antispoofScore)) : 0;
  const livenessScore = frontal.length > 0 ? Math.min(...frontal.map((face) => face.livenessScore)) : 0;
  if (antispoofScore < thresholds.antispoof) reasons.push("The selfie looks like a photo or screen (anti-spoof check).");
  if (livenessScore < thresholds.liveness) reasons.push("The selfie did not pass the liveness check.");

  // The portrait: its dominant face (a passport's small ghost image beside it is not a second person).
  const portraitQuality = input.portrait ? assessFaceQuality(input.portrait.analysis, PORTRAIT_QUALITY) : null;
  const portraitCodes = portraitQuality?.reasons.map((reason) => reason.code) ?? [];
  const portraitFace = portraitQuality?.face && !portraitCodes.includes("NO_FACE") && !portraitCodes.includes("FACE_NOT_MEASURABLE") ? portraitQuality.face : null;
  if (portraitFace) for (const reason of portraitQuality?.reasons ?? []) if (reason.code !== "SEVERAL_FACES") reasons.push(`Document portrait: ${reason.message}`);
  if (!portraitFace) reasons.push("No portrait was found on the document photo.");
  // Every frame facing the camera (the first, and the COME_CLOSER one) must match: the weakest counts.
  const facing = [baseline, ...input.moves.map((move, step) => (move === "COME_CLOSER" ? faces[step + 1] : null))].filter((face): face is DetectedFace => Boolean(face));
  const similarity = portraitFace && baseline ? Math.min(...facing.map((face) => input.similarity(portraitFace.descriptor, face.descriptor))) : 0;
  if (portraitFace && baseline && similarity < thresholds.match) reasons.push(FACE_MISMATCH_REASON);

  return {
    portraitSource: input.portrait?.source ?? "PASSPORT_PHOTO_PAGE",
    similarity,
    threshold: thresholds.match,
    antispoofScore,
    livenessScore,
    challengePassed,
    passed: reasons.length === 0,
    reasons,
  };
}
