/**
 * One MRZ character cell in an image: where its centre is, which way the line runs, and the character
 * pitch in pixels. Templates and photos are sampled through the same frame, so both land on the same grid.
 */
export interface CellFrame {
  /** Centre of the cell (horizontally the middle of the character's advance, vertically the middle of the line). */
  x: number;
  y: number;
  /** Unit vector along the line, left to right as the MRZ is read. */
  ux: number;
  uy: number;
  /** Character pitch in pixels: one cell is one pitch wide. */
  pitch: number;
  /**
   * Vertical over horizontal scale, 1 when the print is seen straight on. A photo taken from one side
   * squeezes glyphs one way more than the other, and OCR-B's 0 and O differ mostly in their proportions.
   */
  aspect?: number;
}

export interface GrayImage {
  gray: Uint8Array;
  width: number;
  height: number;
}

/** The template grid: one pitch wide, 1.5 pitches tall (OCR-B's cap height is 0.97 of its pitch). */
export const GRID_WIDTH = 16;
export const GRID_HEIGHT = 24;
/** The photo is sampled this many grid pixels wider on every side, so the match may shift. */
export const SHIFT = 2;
export const PATCH_WIDTH = GRID_WIDTH + 2 * SHIFT;
export const PATCH_HEIGHT = GRID_HEIGHT + 2 * SHIFT;

function bilinear(image: GrayImage, x: number, y: number): number {
  const { gray, width, height } = image;
  if (x < 0 || y < 0 || x > width - 1 || y > height - 1) return 255;
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
  const fx = x - x0, fy = y - y0;
  const top = gray[y0 * width + x0]! * (1 - fx) + gray[y0 * width + x1]! * fx;
  const bottom = gray[y1 * width + x0]! * (1 - fx) + gray[y1 * width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Samples the cell's patch (PATCH_WIDTH × PATCH_HEIGHT grid pixels, each pitch/GRID_WIDTH image pixels)
 * as ink darkness (255 - brightness). Each grid pixel averages a few sub-samples when the image is much
 * larger than the grid, so a sharp photo is not aliased into noise.
 */
export function sampleCell(image: GrayImage, frame: CellFrame, width = PATCH_WIDTH, height = PATCH_HEIGHT): Float32Array {
  const step = frame.pitch / GRID_WIDTH;
  const sub = Math.max(1, Math.min(4, Math.round(step)));
  const vx = -frame.uy, vy = frame.ux;
  const out = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      let sum = 0;
      for (let sy = 0; sy < sub; sy++) {
        for (let sx = 0; sx < sub; sx++) {
          const u = (column - width / 2 + (sx + 0.5) / sub) * step;
          const v = (row - height / 2 + (sy + 0.5) / sub) * step * (frame.aspect ?? 1);
          sum += bilinear(image, frame.x + u * frame.ux + v * vx, frame.y + u * frame.uy + v * vy);
        }
      }
      out[row * width + column] = 255 - sum / (sub * sub);
    }
  }
  return out;
}

/** Zero mean, unit length: what normalised cross-correlation compares. A flat patch stays all zero. */
export function normalizeVector(values: Float32Array): Float32Array {
  let mean = 0;
  for (const value of values) mean += value;
  mean /= values.length;
  let norm = 0;
  const out = new Float32Array(values.length);
  for (let index = 0; index < values.length; index++) {
    out[index] = values[index]! - mean;
    norm += out[index]! * out[index]!;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < out.length; index++) out[index]! /= norm;
  return out;
}

/**
 * The height of the glyph in a sampled patch, in grid pixels: the rows around the middle whose darkest
 * pixel is over half-way from paper to ink. Measured in the line's own frame, so tilt does not inflate it.
 */
export function measureGlyphHeight(patch: Float32Array): number {
  const rows = Array.from({ length: PATCH_HEIGHT }, (_, row) => {
    let darkest = 0;
    for (let column = SHIFT; column < SHIFT + GRID_WIDTH; column++) darkest = Math.max(darkest, patch[row * PATCH_WIDTH + column]!);
    return darkest;
  });
  const paper = Math.min(...rows), ink = Math.max(...rows);
  const half = paper + (ink - paper) / 2;
  let top = Math.floor(PATCH_HEIGHT / 2), bottom = top;
  if (rows[top]! < half) return 0;
  while (top > 0 && rows[top - 1]! >= half) top--;
  while (bottom < PATCH_HEIGHT - 1 && rows[bottom + 1]! >= half) bottom++;
  return bottom - top + 1;
}
