import type { NormalizedImage } from "./normalize-image";

export interface EdgeOrientation {
  /**
   * How far the image's dominant edges lie from horizontal/vertical, in degrees (-45 to 45). A document's edges,
   * text lines and barcode rows all share its orientation, so this is the document's tilt in the frame.
   */
  tiltDegrees: number;
  /** Share of edge strength within ±3° of that orientation: ~0.08 for edges pointing every way, high for one document. */
  concentration: number;
}

/** Gradient steps below this (of 510) are noise or JPEG ringing, not edges. */
const MIN_GRADIENT = 48;
/** Every second row and column: orientation needs thousands of edge pixels, not millions. */
const STEP = 2;

/**
 * A gradient orientation histogram folded onto 0-90° (a document's horizontal and vertical edges vote for the
 * same tilt), weighted by gradient magnitude, then its peak with ±3° of neighbours.
 */
export function measureEdgeOrientation(image: NormalizedImage): EdgeOrientation {
  const { gray, width, height } = image;
  const bins = new Float64Array(90);
  for (let y = STEP; y < height - STEP; y += STEP) {
    for (let x = STEP; x < width - STEP; x += STEP) {
      const index = y * width + x;
      const gx = gray[index + 1]! - gray[index - 1]!;
      const gy = gray[index + width]! - gray[index - width]!;
      const magnitude = Math.abs(gx) + Math.abs(gy);
      if (magnitude < MIN_GRADIENT) continue;
      let degrees = (Math.atan2(gy, gx) * 180) / Math.PI;
      degrees = ((degrees % 90) + 90) % 90;
      bins[Math.min(89, Math.floor(degrees))]! += magnitude;
    }
  }
  const total = bins.reduce((sum, value) => sum + value, 0);
  if (total === 0) return { tiltDegrees: 0, concentration: 0 };
  let peak = 0;
  let peakMass = -1;
  for (let bin = 0; bin < 90; bin++) {
    let mass = 0;
    for (let offset = -3; offset <= 3; offset++) mass += bins[(bin + offset + 90) % 90]!;
    if (mass > peakMass) {
      peakMass = mass;
      peak = bin;
    }
  }
  // Bin b holds [b, b+1) degrees; its centre, folded to -45..45 so 88° reads as a tilt of -2°.
  const centre = peak + 0.5;
  return { tiltDegrees: centre > 45 ? centre - 90 : centre, concentration: peakMass / total };
}
