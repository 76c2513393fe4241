import type { FacePose } from "./face-analysis";

type MeshPoint = readonly [number, number, number?] | readonly number[];

const degrees = (radians: number): number => Math.round((radians * 180) / Math.PI * 10) / 10;

/**
 * Head pose from human's mesh-derived rotation (radians) in the contract's convention: yaw < 0 = the person
 * turned to their right, which puts their nose towards the image's left. human's own yaw has that sign for an
 * unmirrored photo (checked against the nose position in the mesh by the flip test); pitch > 0 = looking down,
 * roll > 0 = the head tilted towards the image's right shoulder... as human reports them. Null rotation (no mesh)
 * gives null: a pose must never default to "frontal".
 */
export function poseFromRotation(angle: { yaw: number; pitch: number; roll: number } | null | undefined): FacePose | null {
  if (angle == null || ![angle.yaw, angle.pitch, angle.roll].every(Number.isFinite)) return null;
  return { yawDegrees: degrees(angle.yaw), pitchDegrees: degrees(angle.pitch), rollDegrees: degrees(angle.roll) };
}

/**
 * A second, purely geometric yaw cue from the mesh, independent of human's rotation matrix: where the nose tip
 * sits between the two cheek contour points, -1 (at the image-left cheek) .. +1 (at the image-right cheek).
 * Used by tests to pin the sign convention, and usable by the challenge as a cross-check.
 */
export function noseOffset(mesh: readonly MeshPoint[]): number | null {
  // MediaPipe face-mesh indices: 1 = nose tip, 234 / 454 = the cheek contour at the ear line.
  const nose = mesh[1];
  const a = mesh[234];
  const b = mesh[454];
  if (nose?.[0] == null || a?.[0] == null || b?.[0] == null) return null;
  const left = Math.min(a[0], b[0]);
  const right = Math.max(a[0], b[0]);
  if (right - left <= 0) return null;
  return ((nose[0] - left) / (right - left)) * 2 - 1;
}
