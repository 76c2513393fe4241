import type { FaceBox, FaceExposure } from "./face-analysis";

export type RawRgbImage = { data: Uint8Array; width: number; height: number; channels: number };

/** Fixed sample size, so sharpness does not grow with the camera's resolution or the face's distance. */
const SAMPLE = 96;

/**
 * Measures the face box on the decoded pixels. The box is resampled (box filter) to a fixed grid first: a
 * 4000-pixel-wide selfie and a 300-pixel portrait crop are then judged on the same scale, and sensor noise
 * that a large image adds at pixel level is averaged away instead of counting as "sharp".
 */
export function measureFaceExposure(image: RawRgbImage, box: FaceBox): FaceExposure {
  const x0 = Math.max(0, Math.floor(box.x * image.width));
  const y0 = Math.max(0, Math.floor(box.y * image.height));
  const x1 = Math.min(image.width, Math.ceil((box.x + box.width) * image.width));
  const y1 = Math.min(image.height, Math.ceil((box.y + box.height) * image.height));
  if (x1 - x0 < 2 || y1 - y0 < 2) return { meanLuminance: 0, sharpness: 0 };
  const grid = new Float64Array(SAMPLE * SAMPLE);
  let total = 0;
  for (let gy = 0; gy < SAMPLE; gy++) {
    const sy0 = y0 + Math.floor(((y1 - y0) * gy) / SAMPLE);
    const sy1 = Math.max(sy0 + 1, y0 + Math.floor(((y1 - y0) * (gy + 1)) / SAMPLE));
    for (let gx = 0; gx < SAMPLE; gx++) {
      const sx0 = x0 + Math.floor(((x1 - x0) * gx) / SAMPLE);
      const sx1 = Math.max(sx0 + 1, x0 + Math.floor(((x1 - x0) * (gx + 1)) / SAMPLE));
      let sum = 0;
      let count = 0;
      for (let y = sy0; y < sy1; y++) {
        for (let x = sx0; x < sx1; x++) {
          const i = (y * image.width + x) * image.channels;
          sum += 0.299 * (image.data[i] ?? 0) + 0.587 * (image.data[i + 1] ?? 0) + 0.114 * (image.data[i + 2] ?? 0);
          count++;
        }
      }
      const luma = sum / count;
      grid[gy * SAMPLE + gx] = luma;
      total += luma;
    }
  }
  return { meanLuminance: total / grid.length, sharpness: laplacianVariance(grid) };
}

function laplacianVariance(grid: Float64Array): number {
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  const at = (x: number, y: number): number => grid[y * SAMPLE + x] ?? 0;
  for (let y = 1; y < SAMPLE - 1; y++) {
    for (let x = 1; x < SAMPLE - 1; x++) {
      const value = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4 * at(x, y);
      sum += value;
      sumSquares += value * value;
      n++;
    }
  }
  const mean = sum / n;
  return sumSquares / n - mean * mean;
}
