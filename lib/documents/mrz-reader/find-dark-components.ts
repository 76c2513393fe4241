import type { GrayImage } from "./sample-cell";

export interface Component {
  left: number;
  top: number;
  right: number;
  bottom: number;
  pixels: number;
  /** Centre of the bounding box. */
  cx: number;
  cy: number;
  width: number;
  height: number;
}

/** Sum-of-pixels table with one row and column of zeros in front, for local means in constant time. */
function integralImage({ gray, width, height }: GrayImage): Float64Array {
  const table = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += gray[y * width + x]!;
      table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1]! + row;
    }
  }
  return table;
}

/** The darkest value within about `radius` pixels of each block of `block` × `block` pixels. */
function localMinimum({ gray, width, height }: GrayImage, block: number, radius: number): { values: Uint8Array; columns: number } {
  const columns = Math.ceil(width / block), rows = Math.ceil(height / block);
  const blocks = new Uint8Array(columns * rows).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = Math.floor(y / block) * columns + Math.floor(x / block);
      if (gray[y * width + x]! < blocks[index]!) blocks[index] = gray[y * width + x]!;
    }
  }
  const reach = Math.max(1, Math.round(radius / block));
  const values = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let darkest = 255;
      for (let r = Math.max(0, row - reach); r <= Math.min(rows - 1, row + reach); r++) {
        for (let c = Math.max(0, column - reach); c <= Math.min(columns - 1, column + reach); c++) darkest = Math.min(darkest, blocks[r * columns + c]!);
      }
      values[row * columns + column] = darkest;
    }
  }
  return { values, columns };
}

/**
 * Ink: pixels clearly darker than their neighbourhood (a local mean over `window` pixels), so shadows,
 * gradients and a soft reflection over part of the page do not swallow the print. `strict` ink must also be
 * darker than half-way from that mean to the darkest ink nearby, so the fine, lighter lines of a security
 * background printed under an MRZ do not join its glyphs into one blob; it thins soft glyphs, so it is the
 * second try.
 */
export function findInk(image: GrayImage, window: number, strict = false): Uint8Array {
  const { gray, width, height } = image;
  const table = integralImage(image);
  const half = Math.max(3, Math.floor(window / 2));
  const block = 8;
  const darkest = strict ? localMinimum(image, block, half) : null;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const top = Math.max(0, y - half), bottom = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const left = Math.max(0, x - half), right = Math.min(width, x + half + 1);
      const sum = table[bottom * (width + 1) + right]! - table[top * (width + 1) + right]! - table[bottom * (width + 1) + left]! + table[top * (width + 1) + left]!;
      const mean = sum / ((bottom - top) * (right - left));
      const value = gray[y * width + x]!;
      if (value >= mean * 0.86 || mean - value <= 14) continue;
      if (darkest && value >= (mean + darkest.values[Math.floor(y / block) * darkest.columns + Math.floor(x / block)]!) / 2) continue;
      ink[y * width + x] = 1;
    }
  }
  return ink;
}

/** 8-connected components of the ink mask (one pass with union-find, then boxes per root). */
export function findComponents(ink: Uint8Array, width: number, height: number): Component[] {
  const labels = new Int32Array(width * height).fill(-1);
  const parent: number[] = [];
  const find = (label: number): number => {
    let root = label;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[label] !== root) [label, parent[label]] = [parent[label]!, root];
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if (!ink[index]) continue;
      let label = -1;
      const neighbours = [x > 0 ? index - 1 : -1, y > 0 && x > 0 ? index - width - 1 : -1, y > 0 ? index - width : -1, y > 0 && x < width - 1 ? index - width + 1 : -1];
      for (const neighbour of neighbours) {
        if (neighbour < 0 || labels[neighbour]! < 0) continue;
        if (label < 0) label = labels[neighbour]!;
        else union(label, labels[neighbour]!);
      }
      if (label < 0) {
        label = parent.length;
        parent.push(label);
      }
      labels[index] = label;
    }
  }
  const boxes = new Map<number, Component>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = labels[y * width + x]!;
      if (label < 0) continue;
      const root = find(label);
      const box = boxes.get(root);
      if (!box) boxes.set(root, { left: x, top: y, right: x, bottom: y, pixels: 1, cx: 0, cy: 0, width: 0, height: 0 });
      else {
        box.left = Math.min(box.left, x);
        box.right = Math.max(box.right, x);
        box.bottom = y;
        box.pixels++;
      }
    }
  }
  return [...boxes.values()].map((box) => {
    const width = box.right - box.left + 1, height = box.bottom - box.top + 1;
    return { ...box, width, height, cx: (box.left + box.right) / 2, cy: (box.top + box.bottom) / 2 };
  });
}
