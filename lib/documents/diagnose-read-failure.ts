import { describeReadFailure } from "./describe-read-failure";
import { measureImageQuality } from "./measure-image-quality";
import type { NormalizedImage } from "./normalize-image";
import type { DocumentReadFailure } from "./types";

/** Below this the MRZ glyphs are a few pixels tall and OCR guesses; barcodes are still tried. */
export const MIN_SHORT_SIDE = 300;

/** What the MRZ reader saw before giving up: nothing, part of a zone, or a zone whose check digits mostly fail. */
export type MrzSighting = "none" | "partial" | "garbled";

/**
 * Thresholds measured on the labelled degradation set (`npx tsx lib/cli/measure-refusals.ts`, issue 13), each
 * with a wide gap between the cause it names and every other sample of the set.
 */
const LIMITS = {
  /** Brightness spread of a blank frame (0-3) against any photo of something (≥ 8). */
  blankContrast: 6,
  /** Detail box of a document shot from too far (≤ 2% of the frame) against a document or a scene (≥ 18%). */
  distantArea: 0.08,
  /** Sharpest edges: out of focus ≤ 9, a sparse but sharp scene ≥ 57. */
  defocusedPeak: 40,
  /** Sharpness one way over the other: motion blur along an axis ≤ 0.1, any sharp photo ≥ 0.4. */
  motionRatio: 0.2,
  /** Diagonal motion blur smears both axes a little (ratio 0.30-0.37) and leaves no strong edge (≤ 44). */
  diagonalMotionRatio: 0.45,
  diagonalMotionEdges: 60,
  /** Tilt we do not straighten: the PDF417 sweep covers ±18°, the tilted set starts at 25°. */
  tiltDegrees: 20,
  /** Edges agreeing on that tilt: a document ≥ 0.25, a scene or noise ≤ 0.16. */
  tiltConcentration: 0.2,
  /** Content cut by the frame: dark/light alternations per 100 px along a border (cut documents ≥ 0.88, others ≤ 0.17). */
  borderActivity: 0.5,
  /** A reflection: one blown-out patch (≥ 9% of the detail box) ringed by faded print (all of its rim; a page's gaps ≤ 45%). */
  glarePatch: 0.05,
  glareHalo: 0.75,
} as const;

/**
 * Explains a failed read from cheap image statistics and what OCR saw, cause by cause in the order an employee
 * must fix them: nothing to read, too far, out of focus or shaken, at a slant, cut off, reflection.
 */
export function diagnoseReadFailure(image: NormalizedImage, mrz: MrzSighting): DocumentReadFailure {
  const quality = measureImageQuality(image);
  if (quality.shortSide < MIN_SHORT_SIDE) return describeReadFailure("UNREADABLE", "low_resolution");
  if (quality.contrast < LIMITS.blankContrast) return describeReadFailure("NOT_FOUND", "not_a_document");
  if (quality.detailedArea > 0 && quality.detailedArea < LIMITS.distantArea) return describeReadFailure("UNREADABLE", "low_resolution");
  if (quality.peakEdgeStrength < LIMITS.defocusedPeak) return describeReadFailure("UNREADABLE", "blur");
  const shaken =
    quality.directionalSharpness < LIMITS.motionRatio ||
    (quality.directionalSharpness < LIMITS.diagonalMotionRatio && quality.edgeStrength < LIMITS.diagonalMotionEdges);
  if (shaken) return describeReadFailure("UNREADABLE", "blur");
  if (Math.abs(quality.tiltDegrees) >= LIMITS.tiltDegrees && quality.concentration >= LIMITS.tiltConcentration) {
    return describeReadFailure("UNREADABLE", "tilted");
  }
  if (quality.borderActivity > LIMITS.borderActivity) return describeReadFailure("UNREADABLE", "cropped");
  if (quality.blownPatch >= LIMITS.glarePatch && quality.halo >= LIMITS.glareHalo) return describeReadFailure("UNREADABLE", "glare");
  if (mrz === "garbled") return describeReadFailure("UNREADABLE", "blur");
  if (mrz === "partial") return describeReadFailure("UNREADABLE", "cropped");
  return describeReadFailure("NOT_FOUND", "not_a_document");
}
