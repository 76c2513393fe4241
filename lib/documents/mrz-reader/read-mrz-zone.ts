import sharp from "sharp";
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

/**
 * Clean OCR-B matches its templates at about 0.95; garbage still scores around 0.8 against the best of 37
 * characters, so anything below this is read upside down as well and the better reading kept.
 */
const CLEAN_READ = 0.9;

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

async function readCells(image: GrayImage, format: MrzFormat, cells: CellFrame[][], tiny: boolean): Promise<CellsRead> {
  const glyphs = await getOcrBTemplates();
  const { heights } = glyphs;
  // The very soft templates help only glyphs a few pixels wide; on sharp print they blur M into H.
  const templates = tiny ? glyphs.templates : glyphs.templates.filter((template) => !template.soft);
  const classes = mrzCharacterClasses(format);
  const aspects: number[][] = [];
  const read = cells.map((line, row) => {
    const lineAspects: number[] = [];
    aspects.push(lineAspects);
    return line.map((cell, column) => {
      const patch = sampleCell(image, cell);
      const glyph = readGlyph(patch, templates, classes[row]![column]!);
      lineAspects.push(glyph.score >= 0.6 ? (measureGlyphHeight(patch) * (cell.aspect ?? 1)) / (heights.get(glyph.character) ?? 1) : Number.NaN);
      return glyph;
    });
  });
  const scores = read.flat().map((glyph) => glyph.score);
  return { lines: read.map((line) => line.map((glyph) => glyph.character).join("")), glyphs: read, meanScore: scores.reduce((sum, score) => sum + score, 0) / scores.length, aspects };
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
async function readZoneCells(image: GrayImage, format: MrzFormat, cells: CellFrame[][], tiny: boolean): Promise<CellsRead> {
  const first = await readCells(image, format, cells, tiny);
  const aspects = fittedAspects(first.aspects);
  if (aspects.flat().every((aspect) => Math.abs(aspect - 1) <= 0.03)) return first;
  const second = await readCells(image, format, cells.map((line, row) => line.map((cell, column) => ({ ...cell, aspect: aspects[row]![column]! }))), tiny);
  return second.meanScore > first.meanScore ? second : first;
}

/** Ink window: a few glyph heights at the sizes MRZs appear in phone photos of passports and cards. */
function inkWindow(image: GrayImage): number {
  return Math.max(25, Math.round(Math.min(image.width, image.height) / 14)) | 1;
}

/** Glyphs narrower than this (in the photo as uploaded) are thumbnails: soft templates help there. */
const TINY_PITCH = 8;

/** Photos smaller than this on their long edge are enlarged first: MRZ glyphs of 5–7 px merge when thresholded. */
const SMALL_EDGE = 1400;

/** The image turned by a multiple of 90° and/or enlarged, as raw grayscale again. */
async function transformed(image: GrayImage, rotate: 0 | 90 | 270, scale: number): Promise<GrayImage> {
  let pipeline = sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } });
  if (rotate) pipeline = pipeline.rotate(rotate);
  if (scale !== 1) pipeline = pipeline.resize({ width: Math.round((rotate ? image.height : image.width) * scale), kernel: "lanczos3" });
  const { data, info } = await pipeline.toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  return { gray: data, width: info.width, height: info.height };
}

/** The zone in one view: plain ink first, then strict ink in case a security background joined the glyphs. */
function findZone(image: GrayImage): MrzZone | null {
  for (const strict of [false, true]) {
    const ink = findInk(image, inkWindow(image), strict);
    const zone = locateMrzZone(chainTextLines(findComponents(ink, image.width, image.height), image.height));
    if (zone) return zone;
  }
  return null;
}

/**
 * Where to look, cheapest first: the photo as it is, enlarged when small, then turned a quarter either way
 * (a passport photographed in portrait). Finding no zone costs a few tens of milliseconds per view.
 */
async function findZoneInViews(image: GrayImage): Promise<{ view: GrayImage; zone: MrzZone; factor: number } | null> {
  const scale = Math.max(image.width, image.height) < SMALL_EDGE ? Math.min(3, SMALL_EDGE / Math.max(image.width, image.height)) : 1;
  const views: [0 | 90 | 270, number][] = scale > 1.2 ? [[0, 1], [0, scale], [90, scale], [270, scale]] : [[0, 1], [90, 1], [270, 1]];
  for (const [rotate, factor] of views) {
    const view = rotate === 0 && factor === 1 ? image : await transformed(image, rotate, factor);
    const zone = findZone(view);
    if (zone) return { view, zone, factor };
  }
  return null;
}

/**
 * The dedicated MRZ reader: finds the zone by its geometry (two or three long, evenly pitched, stacked
 * lines of glyphs at any tilt), then matches every cell against OCR-B templates restricted to the
 * characters its ICAO position allows. Returns null when no zone is found.
 */
export async function readMrzZone(image: GrayImage): Promise<MrzZoneReading | null> {
  const found = await findZoneInViews(image);
  if (!found) return null;
  const { view, zone, factor } = found;
  const tiny = (zone.cells[0]?.[0]?.pitch ?? 0) / factor < TINY_PITCH;
  const upright = await readZoneCells(view, zone.format, zone.cells, tiny);
  // Upside down, the last line comes first and every cell is turned: read that way too when the upright read is poor.
  if (upright.meanScore >= CLEAN_READ) return { format: zone.format, angle: zone.angle, lines: upright.lines, glyphs: upright.glyphs, meanScore: upright.meanScore };
  const flipped = await readZoneCells(view, zone.format, [...zone.cells].reverse().map((line) => [...line].reverse().map(turned)), tiny);
  const best = flipped.meanScore > upright.meanScore ? flipped : upright;
  return { format: zone.format, angle: zone.angle, lines: best.lines, glyphs: best.glyphs, meanScore: best.meanScore };
}
