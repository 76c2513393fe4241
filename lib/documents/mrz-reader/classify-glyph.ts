import type { GlyphTemplate } from "./ocr-b-templates";
import { GRID_HEIGHT, GRID_WIDTH, normalizeVector, PATCH_WIDTH, SHIFT } from "./sample-cell";

export interface GlyphReading {
  character: string;
  /** Normalised cross-correlation with the best template, -1..1. */
  score: number;
  /** The best score of any other allowed character: a small gap means the glyph was ambiguous. */
  runnerUp: number;
  /** That other character. */
  alternative: string;
  /** Every allowed character with its best score, best first (finalists matched finely, the rest coarsely). */
  ranked: [character: string, score: number][];
}

/** The GRID_WIDTH × GRID_HEIGHT window of the patch at offset (dx, dy), zero mean and unit length. */
function windowAt(patch: Float32Array, dx: number, dy: number): Float32Array {
  const window = new Float32Array(GRID_WIDTH * GRID_HEIGHT);
  for (let row = 0; row < GRID_HEIGHT; row++) {
    const from = (row + dy) * PATCH_WIDTH + dx;
    window.set(patch.subarray(from, from + GRID_WIDTH), row * GRID_WIDTH);
  }
  return normalizeVector(window);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}

const OFFSETS = Array.from({ length: 2 * SHIFT + 1 }, (_, index) => index);
const COARSE_OFFSETS = OFFSETS.filter((offset) => offset % 2 === 0);
/** Characters that survive the coarse pass and are matched at every offset. */
const FINALISTS = 5;

/**
 * Classifies one sampled cell among the characters its MRZ position allows. A coarse pass over every
 * template at every other offset keeps a few finalists; those are matched at every offset. The score of a
 * character is its best template at its best offset.
 */
export function classifyGlyph(patch: Float32Array, templates: GlyphTemplate[], allowed: string): GlyphReading {
  const windows = new Map<number, Float32Array>();
  const windowFor = (dx: number, dy: number) => {
    const key = dy * 100 + dx;
    let window = windows.get(key);
    if (!window) windows.set(key, (window = windowAt(patch, dx, dy)));
    return window;
  };
  const candidates = templates.filter((template) => allowed.includes(template.character));
  const best = new Map<string, number>();
  const match = (template: GlyphTemplate, offsets: number[]) => {
    let top = best.get(template.character) ?? -Infinity;
    for (const dy of offsets) for (const dx of offsets) top = Math.max(top, dot(template.vector, windowFor(dx, dy)));
    best.set(template.character, top);
  };
  for (const template of candidates) match(template, COARSE_OFFSETS);
  const finalists = new Set([...best.entries()].sort((a, b) => b[1] - a[1]).slice(0, FINALISTS).map(([character]) => character));
  for (const template of candidates) if (finalists.has(template.character)) match(template, OFFSETS);
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return { character: "<", score: 0, runnerUp: 0, alternative: "<", ranked };
  return { character: first[0], score: first[1], runnerUp: second?.[1] ?? -1, alternative: second?.[0] ?? first[0], ranked };
}
