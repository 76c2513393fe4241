import type { NormalizedImage } from "./normalize-image";

export interface ContentExtent {
  /** Share of the frame covered by the box around its detailed cells: small when the document is far away. */
  detailedArea: number;
  /**
   * The largest connected patch of blown-out cells (≥ 90% of pixels ≥ 250) inside that box, as a share of the box:
   * a reflection lies over the data in one patch, while a page's white gaps between lines are many small ones.
   */
  blownPatch: number;
  /**
   * Share of the cells around that patch that are washed out but not blank (darkest pixel ≥ 100, brightest ≥ 250):
   * a reflection fades the print around its core, while a white gap on a page ends at black text.
   */
  halo: number;
}

const CELL = 32;
/** A cell whose brightest and darkest pixels differ by this much holds an edge, text or barcode; noise does not. */
const DETAIL_RANGE = 60;

function quantile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(share * (sorted.length - 1))))] ?? 0;
}

/**
 * Splits the image into 32-pixel cells and finds where the detail is: the box around the detailed cells (2nd to
 * 98th percentile of their positions, so a speck elsewhere does not stretch it) and how many cells inside that
 * box are blown out. White margins around a barcode sit outside the box; a reflection sits inside it.
 */
export function measureContentExtent(image: NormalizedImage): ContentExtent {
  const { gray, width, height } = image;
  const columns = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const minimum = new Uint8Array(columns * rows).fill(255);
  const maximum = new Uint8Array(columns * rows);
  const blown = new Uint32Array(columns * rows);
  // Every second pixel of every second row: a 32-pixel cell still has 256 samples.
  for (let y = 0; y < height; y += 2) {
    const rowOffset = Math.floor(y / CELL) * columns;
    for (let x = 0; x < width; x += 2) {
      const value = gray[y * width + x]!;
      const cell = rowOffset + Math.floor(x / CELL);
      if (value < minimum[cell]!) minimum[cell] = value;
      if (value > maximum[cell]!) maximum[cell] = value;
      if (value >= 250) blown[cell]!++;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column;
      if (maximum[cell]! - minimum[cell]! < DETAIL_RANGE) continue;
      xs.push(column);
      ys.push(row);
    }
  }
  if (xs.length === 0) return { detailedArea: 0, blownPatch: 0, halo: 0 };
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  const [left, right, top, bottom] = [quantile(xs, 0.02), quantile(xs, 0.98), quantile(ys, 0.02), quantile(ys, 0.98)];
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  // 1 = blown and not yet visited, within the box only (a white margin outside it is not over the data).
  const pending = new Uint8Array(boxWidth * boxHeight);
  for (let row = top; row <= bottom; row++) {
    for (let column = left; column <= right; column++) {
      const cellPixels = Math.ceil(Math.min(CELL, width - column * CELL) / 2) * Math.ceil(Math.min(CELL, height - row * CELL) / 2);
      if (blown[row * columns + column]! >= 0.9 * cellPixels) pending[(row - top) * boxWidth + (column - left)] = 1;
    }
  }
  const isFaded = (boxCell: number) => {
    const cell = (top + Math.floor(boxCell / boxWidth)) * columns + left + (boxCell % boxWidth);
    return minimum[cell]! >= 100 && maximum[cell]! >= 250;
  };
  const blownCells = pending.slice();
  let largest = 0;
  let largestHalo = 0;
  const stack: number[] = [];
  for (let start = 0; start < pending.length; start++) {
    if (!pending[start]) continue;
    pending[start] = 0;
    stack.push(start);
    let size = 0;
    const rim = new Set<number>();
    while (stack.length > 0) {
      const cell = stack.pop()!;
      size++;
      const x = cell % boxWidth;
      for (const next of [x > 0 ? cell - 1 : -1, x < boxWidth - 1 ? cell + 1 : -1, cell - boxWidth, cell + boxWidth]) {
        if (next < 0 || next >= pending.length) continue;
        if (!blownCells[next]) rim.add(next);
        else if (pending[next]) {
          pending[next] = 0;
          stack.push(next);
        }
      }
    }
    if (size > largest) {
      largest = size;
      largestHalo = rim.size === 0 ? 0 : [...rim].filter(isFaded).length / rim.size;
    }
  }
  return { detailedArea: (boxWidth * boxHeight) / (columns * rows), blownPatch: largest / (boxWidth * boxHeight), halo: largestHalo };
}
