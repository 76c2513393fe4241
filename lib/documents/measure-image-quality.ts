import type { NormalizedImage } from "./normalize-image";

/** Cheap statistics of a grayscale image, used only to explain why nothing could be read. */
export interface ImageQuality {
  /** Shorter side of the photo as taken, in pixels. */
  shortSide: number;
  /** Standard deviation of brightness; near 0 for a blank frame. */
  contrast: number;
  /** 99.5th percentile of the absolute Laplacian: strong edges exist only in sharp images. */
  edgeStrength: number;
  /** Share of blown-out pixels (≥ 250). */
  saturatedShare: number;
  /** Share of near-white but not blown-out pixels (215-249): the soft halo around a reflection. */
  haloShare: number;
  /** Dark/light alternations per 100 px along the busiest image border: content cut by the frame. */
  borderActivity: number;
}

function borderActivityOf(image: NormalizedImage): number {
  const { gray, width, height } = image;
  const inset = 2;
  const lines: number[][] = [
    Array.from({ length: height }, (_, y) => y * width + inset),
    Array.from({ length: height }, (_, y) => y * width + width - 1 - inset),
    Array.from({ length: width }, (_, x) => inset * width + x),
    Array.from({ length: width }, (_, x) => (height - 1 - inset) * width + x),
  ];
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

export function measureImageQuality(image: NormalizedImage): ImageQuality {
  const { gray, width, height } = image;
  const histogram = new Uint32Array(256);
  const laplacianHistogram = new Uint32Array(1021);
  let sum = 0;
  let sumOfSquares = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      const value = gray[index]!;
      histogram[value]!++;
      sum += value;
      sumOfSquares += value * value;
      if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
        const laplacian = gray[index - 1]! + gray[index + 1]! + gray[index - width]! + gray[index + width]! - 4 * value;
        laplacianHistogram[Math.abs(laplacian)]!++;
      }
    }
  }
  const count = width * height;
  const mean = sum / count;
  let edgeStrength = 0;
  const interior = Math.max(1, (width - 2) * (height - 2));
  for (let value = 1020, seen = 0; value >= 0; value--) {
    seen += laplacianHistogram[value]!;
    if (seen >= interior * 0.005) {
      edgeStrength = value;
      break;
    }
  }
  let saturated = 0;
  let halo = 0;
  for (let value = 215; value < 256; value++) {
    if (value >= 250) saturated += histogram[value]!;
    else halo += histogram[value]!;
  }
  return {
    shortSide: Math.min(image.originalWidth, image.originalHeight),
    contrast: Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean)),
    edgeStrength,
    saturatedShare: saturated / count,
    haloShare: halo / count,
    borderActivity: borderActivityOf(image),
  };
}
