import type { FacePose } from "./face-analysis";

const degrees = (radians: number): number => Math.round((radians * 180) / Math.PI * 10) / 10;

/**
 * Head pose from human's mesh-derived rotation (radians) in the contract's convention: yaw < 0 = the person
 * turned to their right, which puts their nose towards the image's left. human's own yaw has that sign for an
 * unmirrored photo: fr-obama-4.jpg, nose towards the image's left by eye, reads -15 degrees, its mirror +13
 * (face-engine test). A live selfie stream from getUserMedia is not mirrored (only the preview is, by CSS), so
 * the sign holds there too. Roll > 0 = the head leans clockwise in the image (towards the image's right); pitch
 * keeps human's sign. No rotation (no mesh) gives null: a pose must never default to "frontal".
 */
export function poseFromRotation(angle: { yaw: number; pitch: number; roll: number } | null | undefined): FacePose | null {
  if (angle == null || ![angle.yaw, angle.pitch, angle.roll].every(Number.isFinite)) return null;
  return { yawDegrees: degrees(angle.yaw), pitchDegrees: degrees(angle.pitch), rollDegrees: degrees(angle.roll) };
}
