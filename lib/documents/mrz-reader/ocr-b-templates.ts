import { readFileSync } from "node:fs";
import opentype from "opentype.js";
import sharp from "sharp";
import { OCR_B_FONT_FILE } from "../ocr-b-font";
import { GRID_HEIGHT, GRID_WIDTH, measureGlyphHeight, normalizeVector, sampleCell, type GrayImage } from "./sample-cell";

export const MRZ_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

export interface OcrBGlyphs {
  templates: GlyphTemplate[];
  /** Each character's ink height in grid pixels (GRID_WIDTH per pitch), as measureGlyphHeight finds it. */
  heights: Map<string, number>;
}

export interface GlyphTemplate {
  character: string;
  /** Zero-mean, unit-length GRID_WIDTH × GRID_HEIGHT darkness. */
  vector: Float32Array;
  /** Blurred for glyphs a few pixels wide; only used on those. */
  soft: boolean;
}

/** Rendered large, then sampled down through the same grid as photos. */
const FONT_SIZE = 240;
/**
 * Print and photos vary the stroke: toner spreads, thin laser print, focus. Each glyph is kept as drawn,
 * softened, emboldened and thinned (a blur then a threshold below or above half), all sampled the same way.
 */
const VARIANTS = [
  { blur: 0, threshold: null },
  { blur: 10, threshold: null },
  // A glyph a few pixels tall in a small or distant photo, enlarged: very soft.
  { blur: 26, threshold: null },
  { blur: 9, threshold: 0.3 },
  { blur: 9, threshold: 0.7 },
] as const;

async function renderGlyph(pathData: string, width: number, height: number, variant: (typeof VARIANTS)[number]): Promise<GrayImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><path d="${pathData}" fill="#000"/></svg>`;
  let pipeline = sharp(Buffer.from(svg)).grayscale();
  if (variant.blur > 0) pipeline = pipeline.blur(variant.blur);
  if (variant.threshold !== null) pipeline = pipeline.threshold(Math.round(255 * variant.threshold)).blur(1.5);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { gray: data.subarray(0, info.width * info.height), width: info.width, height: info.height };
}

async function buildTemplates(): Promise<OcrBGlyphs> {
  const file = readFileSync(OCR_B_FONT_FILE);
  const font = opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  const scale = FONT_SIZE / font.unitsPerEm;
  const templates: GlyphTemplate[] = [];
  const heights = new Map<string, number>();
  for (const character of MRZ_CHARACTERS) {
    const glyph = font.charToGlyph(character);
    const pitch = glyph.advanceWidth * scale;

    // The glyph drawn in a canvas three pitches square, its advance box centred.
    const size = Math.ceil(pitch * 3);
    const baseline = size / 2 + MIDLINE_UNITS * scale;
    const pathData = glyph.getPath(size / 2 - pitch / 2, baseline, FONT_SIZE).toPathData(2);
    for (const variant of VARIANTS) {
      const image = await renderGlyph(pathData, size, size, variant);
      const frame = { x: size / 2, y: size / 2, ux: 1, uy: 0, pitch };
      // Measured as a photo's glyphs are (measureGlyphHeight), so the two compare like for like.
      if (variant.blur === 0) heights.set(character, measureGlyphHeight(sampleCell(image, frame)));
      templates.push({ character, vector: normalizeVector(sampleCell(image, frame, GRID_WIDTH, GRID_HEIGHT)), soft: variant.blur > 20 });
    }
  }
  return { templates, heights };
}

/**
 * Where a photo's line centre sits, in font units above the baseline: photos find it as the middle of the
 * glyph boxes of a line, which mixes letters (0–707), digits (0–773) and fillers (64–696).
 */
const MIDLINE_UNITS = 365;

let templates: Promise<OcrBGlyphs> | null = null;

/** The OCR-B templates, built once per process from the vendored font (about 150 small renders). */
export function getOcrBTemplates(): Promise<OcrBGlyphs> {
  templates ??= buildTemplates().catch((error: unknown) => {
    templates = null;
    throw error;
  });
  return templates;
}

/** Drops the templates (about 1 MB); the next read builds them again. */
export function releaseOcrBTemplates(): void {
  templates = null;
}
