import type { MrzFormat } from "../parse-mrz";
import { chainTextLines } from "./chain-text-lines";
import { classifyGlyph, type GlyphReading } from "./classify-glyph";
import { findComponents, findInk } from "./find-dark-components";
import { locateMrzZone, type MrzZone } from "./locate-mrz-zone";
import { mrzCharacterClasses } from "./mrz-character-classes";
import { getOcrBTemplates, MRZ_CHARACTERS, type GlyphTemplate } from "./ocr-b-templates";
import { measureGlyphHeight, sampleCell, type CellFrame, type GrayImage } from "./sample-cell";

export interface MrzZoneReading {
  format: MrzFormat;
  lines: string[];
  /** Per character, as read. */
  glyphs: GlyphReading[][];
  /** Mean template match of the zone, 0..1: low when the zone is blurred, dim or not OCR-B at all. */
  meanScore: number;
  angle: number;
}

/** A cell turned half a turn: for a document photographed upside down. */
const turned = (cell: CellFrame): CellFrame => ({ ...cell, ux: -cell.ux, uy: -cell.uy });

/** How much better a letter must match than any digit to be kept in a digit-only field. */
const CLEARLY_A_LETTER = 0.08;

/**
 * Letter-only fields (names, country codes) are read among letters and fillers: ICAO allows nothing else.
 * Digit-only fields (dates, check digits) are read among digits unless a letter is clearly printed there:
 * that letter is kept, so parseMrz corrects it in the open (its look-alike digit, if the check digit agrees)
 * or refuses it, rather than the reader quietly choosing a digit.
 */
function readGlyph(patch: Float32Array, templates: GlyphTemplate[], allowed: string): GlyphReading {
  if (/[A-Z]/.test(allowed)) return classifyGlyph(patch, templates, allowed);
  const any = classifyGlyph(patch, templates, MRZ_CHARACTERS);
  const digits = any.ranked.filter(([character]) => allowed.includes(character));
  const [best, next] = digits;
  if (!best || (!allowed.includes(any.character) && any.score - best[1] > CLEARLY_A_LETTER)) return any;
  return { character: best[0], score: best[1], runnerUp: next?.[1] ?? -1, alternative: next?.[0] ?? best[0], ranked: digits };
}

interface CellsRead {
  lines: string[];
  glyphs: GlyphReading[][];
  meanScore: number;
  /** Per cell, the glyph's height over the font's height for the character read: the vertical scale. */
  aspects: number[][];
}

async function readCells(image: GrayImage, format: MrzFormat, cells: CellFrame[][]): Promise<CellsRead> {
  const { templates, heights } = await getOcrBTemplates();
  const classes = mrzCharacterClasses(format);
  const aspects: number[][] = [];
  const glyphs = cells.map((line, row) => {
    const lineAspects: number[] = [];
    aspects.push(lineAspects);
    return line.map((cell, column) => {
      const patch = sampleCell(image, cell);
      const glyph = readGlyph(patch, templates, classes[row]![column]!);
      lineAspects.push(glyph.score >= 0.6 ? (measureGlyphHeight(patch) * (cell.aspect ?? 1)) / (heights.get(glyph.character) ?? 1) : Number.NaN);
      return glyph;
    });
  });
  const scores = glyphs.flat().map((glyph) => glyph.score);
  return { lines: glyphs.map((line) => line.map((glyph) => glyph.character).join("")), glyphs, meanScore: scores.reduce((sum, score) => sum + score, 0) / scores.length, aspects };
}

/** The vertical scale along each line, fitted through the glyphs read well (a straight line in the cell index). */
function fittedAspects(aspects: number[][]): number[][] {
  return aspects.map((line) => {
    const points = line.flatMap((aspect, index) => (Number.isFinite(aspect) && aspect > 0.6 && aspect < 1.6 ? [[index, aspect] as const] : []));
    if (points.length < 8) return line.map(() => 1);
    const mx = points.reduce((sum, [x]) => sum + x, 0) / points.length, my = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
    const slope = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0) / points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
    return line.map((_, index) => my + slope * (index - mx));
  });
}

/**
 * Reads the cells, then once more with each cell's vertical scale taken from the glyphs' measured heights
 * when the print is seen at a slant (more than 3% off), keeping the better-matching read.
 */
async function readZoneCells(image: GrayImage, format: MrzFormat, cells: CellFrame[][]): Promise<CellsRead> {
  const first = await readCells(image, format, cells);
  const aspects = fittedAspects(first.aspects);
  if (aspects.flat().every((aspect) => Math.abs(aspect - 1) <= 0.03)) return first;
  const second = await readCells(image, format, cells.map((line, row) => line.map((cell, column) => ({ ...cell, aspect: aspects[row]![column]! }))));
  return second.meanScore > first.meanScore ? second : first;
}

/** Ink window: a few glyph heights at the sizes MRZs appear in phone photos of passports and cards. */
function inkWindow(image: GrayImage): number {
  return Math.max(25, Math.round(Math.min(image.width, image.height) / 14)) | 1;
}

/**
 * The dedicated MRZ reader: finds the zone by its geometry (two or three long, evenly pitched, stacked
 * lines of glyphs at any tilt), then matches every cell against OCR-B templates restricted to the
 * characters its ICAO position allows. Returns null when no zone is found.
 */
export async function readMrzZone(image: GrayImage): Promise<MrzZoneReading | null> {
  const ink = findInk(image, inkWindow(image));
  const lines = chainTextLines(findComponents(ink, image.width, image.height), image.height);
  const zone: MrzZone | null = locateMrzZone(lines);
  if (!zone) return null;
  const upright = await readZoneCells(image, zone.format, zone.cells);
  // Upside down, the last line comes first and every cell is turned: read that way too when the upright read is poor.
  if (upright.meanScore >= 0.75) return { format: zone.format, angle: zone.angle, lines: upright.lines, glyphs: upright.glyphs, meanScore: upright.meanScore };
  const flipped = await readZoneCells(image, zone.format, [...zone.cells].reverse().map((line) => [...line].reverse().map(turned)));
  const best = flipped.meanScore > upright.meanScore ? flipped : upright;
  return { format: zone.format, angle: zone.angle, lines: best.lines, glyphs: best.glyphs, meanScore: best.meanScore };
}
