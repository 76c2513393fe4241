import type { MrzFormat } from "../parse-mrz";
import type { TextLine } from "./chain-text-lines";
import type { Component } from "./find-dark-components";
import type { CellFrame } from "./sample-cell";

/** Characters per line and lines per zone (ICAO 9303 Parts 4–6). MRV-A/B visas share TD3/TD2 sizes. */
const FORMATS: { format: MrzFormat; length: number; lines: number }[] = [
  { format: "TD1", length: 30, lines: 3 },
  { format: "TD2", length: 36, lines: 2 },
  { format: "TD3", length: 44, lines: 2 },
];

export interface MrzZone {
  format: MrzFormat;
  /** Cell frames per line, top line first, left to right. */
  cells: CellFrame[][];
  /** Degrees the zone is turned from horizontal, for the record. */
  angle: number;
}

interface PlacedLine {
  line: TextLine;
  /** Glyph positions along the line, in pitches from the first glyph. */
  indices: number[];
  count: number;
  /** Offset across the line from the zone's reference point, for stacking order. */
  across: number;
}

const alongOf = (line: TextLine, c: Component, from: Component) => (c.cx - from.cx) * line.ux + (c.cy - from.cy) * line.uy;

/**
 * Which cell each glyph sits in: walk the line, a gap of k pitches skipping k-1 cells (a glyph lost to glare).
 * Pieces closer than half a pitch are one glyph broken apart (thin strokes in a small photo) and are joined.
 */
function placeGlyphs(line: TextLine): { line: TextLine; indices: number[]; count: number } {
  const pieces = line.components.flatMap((component) => splitWide(line, component));
  const glyphs: Component[] = [pieces[0]!];
  const indices = [0];
  for (const component of pieces.slice(1)) {
    const previous = glyphs[glyphs.length - 1]!;
    const step = Math.round(alongOf(line, component, previous) / line.pitch);
    if (step < 1) {
      glyphs[glyphs.length - 1] = joined(previous, component);
      continue;
    }
    glyphs.push(component);
    indices.push(indices[indices.length - 1]! + step);
  }
  return { line: { ...line, components: glyphs }, indices, count: indices[indices.length - 1]! + 1 };
}

/** Two or more glyphs run together (soft print, a small photo): cut into pitch-wide pieces along the line. */
function splitWide(line: TextLine, component: Component): Component[] {
  const along = component.width * Math.abs(line.ux) + component.height * Math.abs(line.uy) - line.medianHeight * Math.abs(line.uy);
  const count = Math.round(along / line.pitch);
  if (along < 1.6 * line.pitch || count < 2) return [component];
  return Array.from({ length: count }, (_, index) => {
    const offset = (index - (count - 1) / 2) * line.pitch;
    const cx = component.cx + offset * line.ux, cy = component.cy + offset * line.uy;
    const half = line.pitch / 2;
    return { ...component, cx, cy, left: cx - half, right: cx + half, width: line.pitch, pixels: Math.round(component.pixels / count) };
  });
}

function joined(a: Component, b: Component): Component {
  const left = Math.min(a.left, b.left), right = Math.max(a.right, b.right), top = Math.min(a.top, b.top), bottom = Math.max(a.bottom, b.bottom);
  return { left, right, top, bottom, pixels: a.pixels + b.pixels, width: right - left + 1, height: bottom - top + 1, cx: (left + right) / 2, cy: (top + bottom) / 2 };
}

function formatFor(count: number, lines: number): (typeof FORMATS)[number] | null {
  return FORMATS.find((format) => format.lines === lines && Math.abs(format.length - count) <= 3) ?? null;
}

/** Least squares fit of y = a + b·x (+ c·x² when `quadratic`). */
function fit(xs: number[], ys: number[], quadratic: boolean): (x: number) => number {
  const n = xs.length;
  if (!quadratic || n < 12) {
    const mx = xs.reduce((s, x) => s + x, 0) / n, my = ys.reduce((s, y) => s + y, 0) / n;
    let sxy = 0, sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
    }
    const b = sxx > 0 ? sxy / sxx : 0;
    return (x) => my + b * (x - mx);
  }
  // Normal equations of the quadratic, solved by Cramer's rule (3×3).
  const s = [0, 0, 0, 0, 0], t = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = xs[i]!, y = ys[i]!;
    for (let p = 0; p < 5; p++) s[p]! += x ** p;
    for (let p = 0; p < 3; p++) t[p]! += y * x ** p;
  }
  const m = [[s[0]!, s[1]!, s[2]!], [s[1]!, s[2]!, s[3]!], [s[2]!, s[3]!, s[4]!]];
  const det3 = (a: number[][]) => a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) - a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) + a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det3(m);
  const solve = (column: number) => det3(m.map((row, r) => row.map((value, c) => (c === column ? t[r]! : value)))) / d;
  const [a, b, c] = [solve(0), solve(1), solve(2)];
  return (x) => a + b * x + c * x * x;
}

/**
 * Cell frames for one line of `length` characters: glyph centres fitted against their cell index (a
 * quadratic, so mild perspective that shrinks the pitch along the line still lands on every cell).
 * `offset` shifts the first glyph's cell when the line starts with glyphs the chain missed.
 */
function cellsOf(placed: PlacedLine, length: number, offset: number): CellFrame[] {
  const { line, indices } = placed;
  const xs = indices.map((index) => index + offset);
  // A quadratic is trusted only across the glyphs it was fitted on; a line short of its end is extrapolated straight.
  const quadratic = placed.count >= length - 2;
  const cxAt = fit(xs, line.components.map((c) => c.cx), quadratic);
  const cyAt = fit(xs, line.components.map((c) => c.cy), quadratic);
  return Array.from({ length }, (_, index) => {
    const x = cxAt(index), y = cyAt(index);
    const pitch = Math.hypot(cxAt(index + 0.5) - cxAt(index - 0.5), cyAt(index + 0.5) - cyAt(index - 0.5));
    return { x, y, ux: line.ux, uy: line.uy, pitch };
  });
}

/** Lines that could be one MRZ: parallel, same pitch, left ends aligned, stacked one to two line heights apart. */
function stackable(a: PlacedLine, b: PlacedLine): boolean {
  const pitch = a.line.pitch;
  const parallel = Math.abs(a.line.ux * b.line.uy - a.line.uy * b.line.ux) < 0.05;
  const first = a.line.components[0]!, other = b.line.components[0]!;
  const along = Math.abs((other.cx - first.cx) * a.line.ux + (other.cy - first.cy) * a.line.uy);
  const gap = Math.abs(b.across - a.across);
  // A line may come up short where a stamp or reflection hides its end; its cells are then extrapolated.
  const counts = Math.min(a.count, b.count) >= 0.6 * Math.max(a.count, b.count);
  return parallel && Math.abs(b.line.pitch / pitch - 1) < 0.12 && along < 2.5 * pitch && gap > 0.9 * pitch && gap < 3.2 * pitch && counts;
}

/**
 * Finds the MRZ among the text lines of a photo: two or three stacked lines of 30, 36 or 44 glyphs.
 * Three-line TD1 is tried before two of its lines could pass for a two-line zone; the lowest group wins,
 * as the MRZ is the last block of the page.
 */
export function locateMrzZone(lines: TextLine[]): MrzZone | null {
  const reference = lines[0]?.components[0];
  if (!reference) return null;
  const placed: PlacedLine[] = lines
    .map((line) => ({ ...placeGlyphs(line), across: -(line.components[0]!.cx - reference.cx) * line.uy + (line.components[0]!.cy - reference.cy) * line.ux }))
    .filter((line) => line.count >= 24 && line.count <= 50);
  const stacked = [...placed].sort((a, b) => a.across - b.across);
  for (const size of [3, 2]) {
    const groups: PlacedLine[][] = [];
    for (const [start, seed] of stacked.entries()) {
      const group = [seed];
      for (const next of stacked.slice(start + 1)) {
        if (group.length < size && stackable(group[group.length - 1]!, next)) group.push(next);
      }
      if (group.length === size) groups.push(group);
    }
    const found = groups
      .map((group) => ({ group, format: formatFor(Math.max(...group.map((line) => line.count)), size) }))
      .filter((candidate) => candidate.format !== null)
      .sort((a, b) => b.group[0]!.across - a.group[0]!.across)[0];
    if (!found?.format) continue;
    const { format, length } = found.format;
    // MRZ lines start at the same left margin: a line whose first glyph was lost (or that picked up a speck
    // in front) is registered against the line that has its full length.
    const reference = [...found.group].sort((a, b) => Math.abs(a.count - length) - Math.abs(b.count - length))[0]!;
    const start = reference.line.components[0]!;
    const offsetOf = (placed: PlacedLine) => {
      const first = placed.line.components[0]!;
      return Math.round(((first.cx - start.cx) * reference.line.ux + (first.cy - start.cy) * reference.line.uy) / reference.line.pitch);
    };
    return {
      format,
      cells: found.group.map((line) => cellsOf(line, length, offsetOf(line))),
      angle: (Math.atan2(found.group[0]!.line.uy, found.group[0]!.line.ux) * 180) / Math.PI,
    };
  }
  return null;
}
