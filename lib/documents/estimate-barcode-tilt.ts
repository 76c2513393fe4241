import type { NormalizedImage } from "./normalize-image";

export interface BarcodeTilt {
  /** Clockwise tilt of the dominant bar edges in the frame, in degrees (-45 to 45); rotate by its negative to level them. */
  degrees: number;
  /** Share of edge strength within ±2° of that tilt: ~0.05 for edges pointing every way, ~0.6 for a barcode filling the frame. */
  concentration: number;
}

/** Scharr responses below this (of 4080) are noise or JPEG ringing, not bar edges. */
const MIN_MAGNITUDE = 384;
/** Quarter-degree bins: the line-by-line decoder wants the rows level to within about a degree. */
const BINS_PER_DEGREE = 4;
const BINS = 90 * BINS_PER_DEGREE;
/** The window the peak is measured over, in bins either side (±2°). */
const WINDOW = 2 * BINS_PER_DEGREE;
/** Every second row and column: the angle needs thousands of edge pixels, not millions. */
const STEP = 2;

/**
 * The tilt of a PDF417 symbol in the frame, from its many parallel bar edges: a Sobel gradient orientation
 * histogram folded onto 0–90° (bars and rows vote for the same tilt), its peak window found, then refined to a
 * fraction of a degree by the weighted mean angle inside that window. measureEdgeOrientation's whole-degree bins
 * and central differences are off by a degree or more at 15° of tilt, which is past what the decoder tolerates
 * once perspective is added.
 */
export function estimateBarcodeTilt(image: NormalizedImage): BarcodeTilt {
  const { gray, width, height } = image;
  const bins = new Float64Array(BINS);
  // Per-bin sums of the exact angle, so the refinement is not limited to the bin grid.
  const angleSums = new Float64Array(BINS);
  for (let y = 1; y < height - 1; y += STEP) {
    for (let x = 1; x < width - 1; x += STEP) {
      const index = y * width + x;
      const above = index - width;
      const below = index + width;
      const gx = 3 * (gray[above + 1]! + gray[below + 1]! - gray[above - 1]! - gray[below - 1]!) + 10 * (gray[index + 1]! - gray[index - 1]!);
      const gy = 3 * (gray[below - 1]! + gray[below + 1]! - gray[above - 1]! - gray[above + 1]!) + 10 * (gray[below]! - gray[above]!);
      const magnitude = Math.abs(gx) + Math.abs(gy);
      if (magnitude < MIN_MAGNITUDE) continue;
      let degrees = (Math.atan2(gy, gx) * 180) / Math.PI;
      degrees = ((degrees % 90) + 90) % 90;
      const bin = Math.min(BINS - 1, Math.floor(degrees * BINS_PER_DEGREE));
      bins[bin]! += magnitude;
      angleSums[bin]! += magnitude * degrees;
    }
  }
  const total = bins.reduce((sum, value) => sum + value, 0);
  if (total === 0) return { degrees: 0, concentration: 0 };
  let peak = 0;
  let peakMass = -1;
  for (let bin = 0; bin < BINS; bin++) {
    let mass = 0;
    for (let offset = -WINDOW; offset <= WINDOW; offset++) mass += bins[(bin + offset + BINS) % BINS]!;
    if (mass > peakMass) {
      peakMass = mass;
      peak = bin;
    }
  }
  // Weighted mean angle in the window, unwrapped around the peak (a window at 89° may hold angles near 0°).
  const centre = (peak + 0.5) / BINS_PER_DEGREE;
  let weighted = 0;
  for (let offset = -WINDOW; offset <= WINDOW; offset++) {
    const bin = (peak + offset + BINS) % BINS;
    if (bins[bin] === 0) continue;
    let mean = angleSums[bin]! / bins[bin]!;
    if (mean - centre > 45) mean -= 90;
    if (centre - mean > 45) mean += 90;
    weighted += bins[bin]! * mean;
  }
  const refined = weighted / peakMass;
  const folded = ((refined % 90) + 90) % 90;
  return { degrees: folded > 45 ? folded - 90 : folded, concentration: peakMass / total };
}
