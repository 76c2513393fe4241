/**
 * The contract between the face engine (lib/face, server-side ML), the live capture (lib/verification/face) and
 * the decision (lib/verification/decision + assurance). Descriptors live only in memory while one attempt is
 * evaluated: no face template is stored anywhere.
 */

/** Head pose in degrees, from the face mesh: yaw < 0 = the person turned to their right (image left). */
export type FacePose = { yawDegrees: number; pitchDegrees: number; rollDegrees: number };

/** A box in fractions of the image (0..1), so it survives resizing. */
export type FaceBox = { x: number; y: number; width: number; height: number };

export type DetectedFace = {
  box: FaceBox;
  /** Detector confidence 0..1. */
  detectionScore: number;
  /** Unit-length embedding; compare only with faceSimilarity from the same engine version. */
  descriptor: number[];
  /** Passive presentation-attack scores 0..1 (1 = looks like a real, live face). */
  antispoofScore: number;
  livenessScore: number;
  pose: FacePose;
  /** False when the mesh, descriptor or a presentation-attack score is missing: such a face must not be judged. */
  complete: boolean;
  /** Brightness and sharpness of the face box, for assessFaceQuality. */
  exposure: FaceExposure;
};

export type FaceExposure = {
  /** Mean luma 0..255 of the face box. */
  meanLuminance: number;
  /** Variance of the Laplacian of the face box resampled to a fixed grid: blur lowers it. */
  sharpness: number;
};

export type FaceAnalysis = { width: number; height: number; faces: DetectedFace[] };

export interface FaceEngine {
  /** Decodes (JPEG/PNG/WebP/HEIC via lib/documents/decode-image) and analyses one image. */
  analyze(image: Buffer): Promise<FaceAnalysis>;
}

/** Where the reference portrait came from. */
/** Where the reference portrait came from; MDOC_PORTRAIT: the issuer-signed portrait of a wallet ID. */
export type PortraitSource = "PASSPORT_PHOTO_PAGE" | "ID_CARD_FRONT" | "LICENCE_FRONT" | "MDOC_PORTRAIT";

/** The outcome of one live-face check, as the decision and the assurance level consume it. */
export type FaceEvidence = {
  portraitSource: PortraitSource;
  /** Portrait vs selfie similarity 0..1 and the policy threshold it was held against. */
  similarity: number;
  threshold: number;
  antispoofScore: number;
  livenessScore: number;
  /** The server-issued active challenge was performed in the server's timing. */
  challengePassed: boolean;
  passed: boolean;
  /** Why it failed (or notes), for the agent; empty when it passed cleanly. */
  reasons: string[];
};
