import { readFileSync } from "node:fs";
import sharp from "sharp";
import { z } from "zod";
import { prepareZXingModule, readBarcodes, type ReadResult } from "zxing-wasm/reader";
import { estimateBarcodeTilt } from "./estimate-barcode-tilt";
import type { NormalizedImage } from "./normalize-image";
import { resolvePackageFile } from "./resolve-package-file";

let prepared: Promise<unknown> | null = null;

/** zxing-wasm fetches its wasm from a CDN unless handed the copy in node_modules (no internet here). */
function prepareReader(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    // Copied into a fresh Uint8Array so the wasm gets a whole ArrayBuffer, not a slice of Node's buffer pool.
    overrides: { wasmBinary: new Uint8Array(readFileSync(resolvePackageFile("zxing-wasm/reader/zxing_reader.wasm"))).buffer },
    fireImmediately: true,
  });
  return prepared;
}

export interface DecodedBarcodes {
  /** Text of each PDF417 symbol found (control characters kept, as AAMVA needs them). */
  pdf417: string[];
  /** Other barcode formats found, e.g. "QRCode", to tell the employee they photographed the wrong one. */
  otherFormats: string[];
}

/**
 * Corrections tried around the measured tilt when leveling to it alone reads nothing (the line-by-line decoder
 * tolerates about ±2.5° on a flat symbol, less once perspective is added), then a coarse sweep in case the
 * measured edges were not the barcode's.
 */
const NEAR_OFFSETS = [1.5, -1.5, 3, -3] as const;
export const DESKEW_ANGLES = [4, -4, 8, -8, 12, -12, 16, -16] as const;
/** Tilts below this are read by the upright attempt; above it the leveled image is tried first. */
const LEVEL_DEGREES = 1;
/**
 * Measured tilts beyond this are not leveled: the target is ±15° (the sweep reaches ±18°), and a
 * document turned further is refused with the "tilted" hint, as the MRZ reader refuses it, rather than read
 * one time in some.
 */
const MAX_LEVEL_DEGREES = 20;
/** A sweep angle this close to one already tried adds nothing. */
const SAME_ANGLE_DEGREES = 2;
/** Retries stop after this long (a passport, which has no barcode, pays it before its MRZ is read). */
const RETRY_BUDGET_MS = 1_000;

/** zxing-cpp's per-symbol details; UEC is the share of error correction capacity the symbol had left unused. */
const extraSchema = z.object({ UEC: z.number().min(0).max(1).optional() }).passthrough();

/**
 * Whether a PDF417 read can stand on its own. zxing-cpp accepts symbols whose Reed-Solomon check passed with
 * every correction spent (UEC 0), and on tilted or slanted photos those are sometimes wrong: misread rows and
 * erasures "corrected" into another valid codeword set, decoding to a licence with a changed letter or date.
 * Such a read counts only when a second, independently rotated attempt yields the identical text.
 */
function hasCorrectionMargin(result: ReadResult): boolean {
  let extra: unknown;
  try {
    extra = JSON.parse(result.extra || "{}");
  } catch {
    return false;
  }
  const parsed = extraSchema.safeParse(extra);
  return parsed.success && parsed.data.UEC !== undefined && parsed.data.UEC > 0;
}

/** Collects reads across attempts: a symbol read with margin is accepted at once, one without only when two attempts read it. */
class Pdf417Reads {
  private readonly attemptsPerText = new Map<string, number>();
  accepted: string[] = [];

  /** Adds one attempt's results; whether any symbol is accepted by now. */
  add(results: ReadResult[]): boolean {
    const symbols = results.filter((result) => result.format === "PDF417");
    for (const text of new Set(symbols.map((result) => result.text))) this.attemptsPerText.set(text, (this.attemptsPerText.get(text) ?? 0) + 1);
    for (const result of symbols) {
      const confirmed = hasCorrectionMargin(result) || (this.attemptsPerText.get(result.text) ?? 0) >= 2;
      if (confirmed && !this.accepted.includes(result.text)) this.accepted.push(result.text);
    }
    return this.accepted.length > 0;
  }
}

/**
 * Finds PDF417 (and, to explain failures, other) barcodes in a normalised image: rotated straight to the tilt
 * of the image's dominant edges (a barcode's bars and rows, which under a mild slant still share one
 * orientation, so leveling them also reads keystoned photos), upright, then a little either side of the tilt,
 * then a coarse sweep, until a symbol is read or the time budget is spent.
 */
export async function decodePdf417(image: NormalizedImage): Promise<DecodedBarcodes> {
  await prepareReader();
  const reads = new Pdf417Reads();
  const measured = estimateBarcodeTilt(image).degrees;
  const tilt = Math.abs(measured) <= MAX_LEVEL_DEGREES ? measured : 0;
  const tried: number[] = [];
  const attempt = async (degrees: number): Promise<boolean> => {
    tried.push(degrees);
    const rotated = await rotateGray(image, -degrees);
    // Without tryHarder: once the rows are level the symbol reads at the first scan, and a passport (no
    // barcode at all) pays every attempt before its MRZ is read.
    return reads.add(await readGray(rotated.gray, rotated.width, rotated.height, false, ["PDF417"]));
  };
  // A visibly tilted photo is leveled before anything else: the upright tryHarder read of a tilted symbol
  // finds nothing and can take half a second doing it.
  if (Math.abs(tilt) >= LEVEL_DEGREES && (await attempt(tilt))) return { pdf417: reads.accepted, otherFormats: [] };

  const uprightResults = await readGray(image.gray, image.width, image.height, true);
  tried.push(0);
  const otherFormats = uprightResults.filter((result) => result.format !== "PDF417").map((result) => result.format);
  if (reads.add(uprightResults)) return { pdf417: reads.accepted, otherFormats };
  if (otherFormats.length > 0 && !uprightResults.some((result) => result.format === "PDF417")) return { pdf417: [], otherFormats };

  const started = performance.now();
  for (const candidate of [tilt, ...NEAR_OFFSETS.map((offset) => tilt + offset), ...DESKEW_ANGLES]) {
    if (performance.now() - started > RETRY_BUDGET_MS) break;
    const near = candidate === tilt ? LEVEL_DEGREES : SAME_ANGLE_DEGREES;
    if (tried.some((angle) => Math.abs(angle - candidate) < near)) continue;
    if (await attempt(candidate)) break;
  }
  return { pdf417: reads.accepted, otherFormats };
}

async function rotateGray(image: NormalizedImage, angle: number): Promise<{ gray: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } })
    .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { gray: data, width: info.width, height: info.height };
}

async function readGray(gray: Buffer, width: number, height: number, tryHarder: boolean, formats: "PDF417"[] = []): Promise<ReadResult[]> {
  // zxing takes RGBA pixels; expand the grayscale bytes rather than re-encoding a PNG.
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let index = 0; index < gray.length; index++) {
    const value = gray[index]!;
    rgba[index * 4] = value;
    rgba[index * 4 + 1] = value;
    rgba[index * 4 + 2] = value;
    rgba[index * 4 + 3] = 255;
  }
  const imageData: ImageData = { data: rgba, width, height, colorSpace: "srgb" };
  const results = await readBarcodes(imageData, { tryHarder, textMode: "Plain", formats, maxNumberOfSymbols: 4 });
  return results.filter((result) => result.isValid);
}
