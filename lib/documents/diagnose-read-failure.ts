import { describeReadFailure } from "./describe-read-failure";
import { measureImageQuality } from "./measure-image-quality";
import type { NormalizedImage } from "./normalize-image";
import type { DocumentReadFailure } from "./types";

/** Below this the MRZ glyphs are a few pixels tall and OCR guesses; barcodes are still tried. */
export const MIN_SHORT_SIDE = 300;

/** What the MRZ reader saw before giving up: nothing, part of a zone, or a zone whose check digits mostly fail. */
export type MrzSighting = "none" | "partial" | "garbled";

/** Best-effort explanation of a failed read, from cheap image statistics and what OCR saw. */
export function diagnoseReadFailure(image: NormalizedImage, mrz: MrzSighting): DocumentReadFailure {
  const quality = measureImageQuality(image);
  if (quality.shortSide < MIN_SHORT_SIDE) return describeReadFailure("UNREADABLE", "low_resolution");
  if (quality.contrast < 6) return describeReadFailure("NOT_FOUND", "not_a_document");
  if (quality.edgeStrength < 40) return describeReadFailure("UNREADABLE", "blur");
  if (quality.borderActivity > 1.5) return describeReadFailure("UNREADABLE", "cropped");
  // Photos of cards have no blown-out pixels unless light reflects; a mostly white frame is a scan, not glare.
  if (quality.saturatedShare > 0.05 && quality.saturatedShare < 0.5) return describeReadFailure("UNREADABLE", "glare");
  if (mrz === "garbled") return describeReadFailure("UNREADABLE", "blur");
  if (mrz === "partial") return describeReadFailure("UNREADABLE", "cropped");
  return describeReadFailure("NOT_FOUND", "not_a_document");
}
