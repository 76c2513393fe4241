import { describe, expect, it } from "vitest";
import type { DetectedFace, FaceAnalysis } from "@/lib/face/face-analysis";
import { faceSimilarity } from "@/lib/face/face-similarity";
import type { FaceMove } from "@/lib/verification/face/face-challenge";
import { FACE_MISMATCH_REASON, judgeFaceCapture } from "@/lib/verification/face/judge-face-capture";

const ALICE = [1, 0, 0];
const BOB = [0, 1, 0];

function face(options: { yaw?: number; width?: number; descriptor?: number[]; antispoof?: number } = {}): DetectedFace {
  const width = options.width ?? 0.3;
  return {
    box: { x: 0.35, y: 0.3, width, height: width * 1.2 },
    detectionScore: 0.95,
    descriptor: options.descriptor ?? ALICE,
    antispoofScore: options.antispoof ?? 0.9,
    livenessScore: 0.9,
    pose: { yawDegrees: options.yaw ?? 0, pitchDegrees: 0, rollDegrees: 0 },
    complete: true,
    exposure: { meanLuminance: 120, sharpness: 40 },
  };
}
const frame = (...faces: DetectedFace[]): FaceAnalysis => ({ width: 640, height: 480, faces });
const thresholds = { match: 0.6, samePerson: 0.4, antispoof: 0.5, liveness: 0.5 };
const moves: FaceMove[] = ["TURN_LEFT", "COME_CLOSER", "TURN_RIGHT"];
const performed = [frame(face()), frame(face({ yaw: 25 })), frame(face({ width: 0.42 })), frame(face({ yaw: -25 }))];

function judge(overrides: Partial<Parameters<typeof judgeFaceCapture>[0]> = {}) {
  return judgeFaceCapture({ moves, frames: performed, portrait: { source: "PASSPORT_PHOTO_PAGE", analysis: frame(face()) }, identicalFrames: false, similarity: faceSimilarity, thresholds, ...overrides });
}

describe("judgeFaceCapture", () => {
  it("passes a challenge performed in order by the person on the document", () => {
    expect(judge()).toMatchObject({ passed: true, challengePassed: true, similarity: 1, threshold: 0.6, reasons: [] });
  });

  it("a still image (no movement, identical frames) fails the challenge", () => {
    const still = [frame(face()), frame(face()), frame(face()), frame(face())];
    const evidence = judge({ frames: still, identicalFrames: true });
    expect(evidence.passed).toBe(false);
    expect(evidence.challengePassed).toBe(false);
    expect(evidence.reasons).toContain("Selfie frames were identical: a still image, not a live camera.");
  });

  it("moves in another order (a replayed capture of a different challenge) fail", () => {
    const evidence = judge({ moves: ["TURN_RIGHT", "COME_CLOSER", "TURN_LEFT"] });
    expect(evidence.challengePassed).toBe(false);
    expect(evidence.reasons).toEqual(["Challenge step 1 (TURN_RIGHT) was not performed.", "Challenge step 3 (TURN_LEFT) was not performed."]);
  });

  it("another person than the document's portrait fails with the face reason", () => {
    const evidence = judge({ portrait: { source: "PASSPORT_PHOTO_PAGE", analysis: frame(face({ descriptor: BOB })) } });
    expect(evidence).toMatchObject({ passed: false, challengePassed: true, similarity: 0, reasons: [FACE_MISMATCH_REASON] });
  });

  it("the victim's photo for the first frame and an accomplice for the moves fails on the COME_CLOSER frame's portrait match", () => {
    // Close enough to pass the lenient same-person check of turned frames, not the portrait match.
    const accomplice = [0.45, Math.sqrt(1 - 0.45 ** 2), 0];
    const frames = [frame(face()), frame(face({ yaw: 25, descriptor: accomplice })), frame(face({ width: 0.42, descriptor: accomplice })), frame(face({ yaw: -25, descriptor: accomplice }))];
    const evidence = judge({ frames });
    expect(evidence.challengePassed).toBe(true);
    expect(evidence.similarity).toBeCloseTo(0.45);
    expect(evidence.reasons).toEqual([FACE_MISMATCH_REASON]);
  });

  it("a person swapped mid-challenge, two faces, a spoof score, and no portrait each fail with their reason", () => {
    const swapped = [performed[0]!, performed[1]!, frame(face({ width: 0.42, descriptor: BOB })), performed[3]!];
    expect(judge({ frames: swapped }).reasons).toContain("The selfie frames do not all show the same person.");
    expect(judge({ frames: [frame(face(), face({ width: 0.28 })), ...performed.slice(1)] }).reasons).toContain("More than one face was in a selfie frame.");
    expect(judge({ frames: [frame(face({ antispoof: 0.2 })), ...performed.slice(1)] }).reasons).toContain("The selfie looks like a photo or screen (anti-spoof check).");
    expect(judge({ portrait: null }).reasons).toEqual(["No portrait was found on the document photo."]);
  });
});
