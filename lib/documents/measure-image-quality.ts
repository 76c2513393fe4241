import { measureContentExtent, type ContentExtent } from "./measure-content-extent";
import { measureEdgeOrientation, type EdgeOrientation } from "./measure-edge-orientation";
import type { NormalizedImage } from "./normalize-image";

/** Cheap statistics of a grayscale image, used only to explain why nothing could be read. */
export interface ImageQuality extends EdgeOrientation, ContentExtent {
  /** Shorter side of the photo as taken, in pixels. */
  shortSide: number;
  /** Standard deviation of brightness; near 0 for a blank frame. */
  contrast: number;
  /** 99.5th percentile of the absolute Laplacian: strong edges exist only in sharp images. */
  edgeStrength: number;
  /** 99.95th percentile of the absolute Laplacian: the sharpest few edges, there even in a sparse scene. */
  peakEdgeStrength: number;
  /**
   * 99.5th percentile of the absolute second difference along each of 0°, 45°, 90° and 135°, lowest over highest:
   * near 1 when sharpness is the same every way, low when the camera moved (edges along the motion stay sharp).
   */
  directionalSharpness: number;
  /** Dark/light alternations per 100 px along the busiest image border: content cut by the frame. */
  borderActivity: number;
}

/**
 * Each border is scanned along a few rows or columns just inside it and the busiest one counts: a single line
 * can fall in the gap between two glyphs that the frame cut through, and where it falls moves with rendering.
 */
const BORDER_INSETS = [2, 4, 6, 8];

function borderActivityOf(image: NormalizedImage): number {
  const { gray, width, height } = image;
  const lines: number[][] = BORDER_INSETS.flatMap((inset) => [
    Array.from({ length: height }, (_, y) => y * width + inset),
    Array.from({ length: height }, (_, y) => y * width + width - 1 - inset),
    Array.from({ length: width }, (_, x) => inset * width + x),
    Array.from({ length: width }, (_, x) => (height - 1 - inset) * width + x),
  ]);
  let busiest = 0;
  for (const line of lines) {
    let transitions = 0;
    let previousDark: boolean | null = null;
    for (const index of line) {
      const value = gray[index] ?? 255;
      // Hysteresis so noise around mid-grey does not count as an edge.
      const dark: boolean | null = value < 90 ? true : value > 160 ? false : previousDark;
      if (previousDark !== null && dark !== null && dark !== previousDark) transitions++;
      previousDark = dark;
    }
    busiest = Math.max(busiest, (transitions * 100) / line.length);
  }
  return busiest;
}

/** The smallest value that the top `share` of a histogram's counts reach. */
function upperPercentile(histogram: Uint32Array, share: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  for (let value = histogram.length - 1, seen = 0; value >= 0; value--) {
    seen += histogram[value]!;
    if (seen >= Math.max(1, total * share)) return value;
  }
  return 0;
}

export function measureImageQuality(image: NormalizedImage): ImageQuality {
  const { gray, width, height } = image;
  const laplacianHistogram = new Uint32Array(1021);
  // Second differences along 0°, 45°, 90°, 135°.
  const horizontal = new Uint32Array(511);
  const rising = new Uint32Array(511);
  const vertical = new Uint32Array(511);
  const falling = new Uint32Array(511);
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  // Every second row: percentiles and the spread need hundreds of thousands of samples, not millions, and a
  // 2000-pixel photo is then measured in well under 50 ms.
  for (let y = 1; y < height - 1; y += 2) {
    for (let x = 1, index = y * width + 1; x < width - 1; x++, index++) {
      const value = gray[index]!;
      sum += value;
      sumOfSquares += value * value;
      const twice = 2 * value;
      const across = gray[index - 1]! + gray[index + 1]! - twice;
      const down = gray[index - width]! + gray[index + width]! - twice;
      laplacianHistogram[Math.abs(across + down)]!++;
      horizontal[Math.abs(across)]!++;
      vertical[Math.abs(down)]!++;
      rising[Math.abs(gray[index - width + 1]! + gray[index + width - 1]! - twice)]!++;
      falling[Math.abs(gray[index - width - 1]! + gray[index + width + 1]! - twice)]!++;
    }
    count += Math.max(0, width - 2);
  }
  count = Math.max(1, count);
  const mean = sum / count;
  const edgeStrength = upperPercentile(laplacianHistogram, 0.005);
  const directionalStrengths = [horizontal, rising, vertical, falling].map((histogram) => upperPercentile(histogram, 0.005));
  return {
    shortSide: Math.min(image.originalWidth, image.originalHeight),
    contrast: Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean)),
    edgeStrength,
    peakEdgeStrength: upperPercentile(laplacianHistogram, 0.0005),
    directionalSharpness: Math.min(...directionalStrengths) / Math.max(1, ...directionalStrengths),
    borderActivity: borderActivityOf(image),
    ...measureEdgeOrientation(image),
    ...measureContentExtent(image),
  };
}
