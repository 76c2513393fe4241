import sharp from "sharp";
import { checkDocumentDates } from "./check-document-dates";
import { decodePdf417 } from "./decode-pdf417";
import { describeReadFailure } from "./describe-read-failure";
import { findMrzLines, type MrzLinesFound } from "./find-mrz-lines";
import { measureImageQuality } from "./measure-image-quality";
import { normalizeImage, UnsupportedImageError, type NormalizedImage } from "./normalize-image";
import { recognizeMrzText } from "./ocr-mrz";
import { looksLikeAamva, parseAamva } from "./parse-aamva";
import { isoDay } from "./parse-document-date";
import { parseMrz } from "./parse-mrz";
import { toAamvaDocument } from "./read-aamva-document";
import type { DocumentReadFailure, DocumentReadResult, ExtractedDocument, ReadIdentityDocumentOptions } from "./types";

/** Phone photos are 2-8 MB; anything bigger is not a photo of a card (or needs resizing first). */
export const MAX_IMAGE_BYTES = 12 * 1024 * 1024;

function succeed(document: ExtractedDocument, now: Date): DocumentReadResult {
  const problems = document.checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.detail}`);
  return {
    ok: true,
    document,
    expired: document.expiryDate !== null && document.expiryDate < isoDay(now),
    consistent: problems.length === 0,
    problems,
  };
}

/** The region below `fromTop` (0-1) as a PNG, upscaled when narrow: tesseract wants ≥ 20 px glyphs. */
async function regionPng(image: NormalizedImage, fromTop: number): Promise<Buffer> {
  const top = Math.floor(image.height * fromTop);
  return sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } })
    .extract({ left: 0, top, width: image.width, height: image.height - top })
    .resize({ width: Math.max(image.width, 1000) })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The MRZ sits at the bottom of passports and ID cards; OCR that half first, then the whole page. */
async function findMrz(image: NormalizedImage): Promise<MrzLinesFound> {
  let best: MrzLinesFound = { found: "none" };
  for (const fromTop of [0.5, 0]) {
    const found = findMrzLines(await recognizeMrzText(await regionPng(image, fromTop)));
    if (found.found === "complete") return found;
    if (found.found === "partial") best = found;
  }
  return best;
}

/** Below this the MRZ glyphs are a few pixels tall and OCR guesses; barcodes are still tried. */
const MIN_SHORT_SIDE = 300;

/** Best-effort explanation of a failed read, from cheap image statistics and what OCR saw. */
function diagnose(image: NormalizedImage, mrz: MrzLinesFound | "garbled"): DocumentReadFailure {
  const quality = measureImageQuality(image);
  if (quality.shortSide < MIN_SHORT_SIDE) return describeReadFailure("UNREADABLE", "low_resolution");
  if (quality.contrast < 6) return describeReadFailure("NOT_FOUND", "not_a_document");
  if (quality.edgeStrength < 40) return describeReadFailure("UNREADABLE", "blur");
  if (quality.borderActivity > 1.5) return describeReadFailure("UNREADABLE", "cropped");
  // Photos of cards have no blown-out pixels unless light reflects; a mostly white frame is a scan, not glare.
  if (quality.saturatedShare > 0.05 && quality.saturatedShare < 0.5) return describeReadFailure("UNREADABLE", "glare");
  if (mrz === "garbled") return describeReadFailure("UNREADABLE", "blur");
  if (mrz.found === "partial") return describeReadFailure("UNREADABLE", "cropped");
  return describeReadFailure("NOT_FOUND", "not_a_document");
}

/** A forgery breaks one check digit; most of them failing means OCR misread the zone. */
function isGarbled(document: ExtractedDocument): boolean {
  return document.checks.filter((check) => check.name.endsWith("check digit") && !check.passed).length >= 3;
}

/**
 * Reads the machine-readable part of an identity document photo: the PDF417 barcode of a
 * US/Canadian licence (AAMVA) or the MRZ of a passport (TD3) or ID card (TD1). Never throws for
 * bad input: unreadable photos come back as a failure with a retry hint for the employee.
 */
export async function readIdentityDocument(image: Uint8Array, options: ReadIdentityDocumentOptions = {}): Promise<DocumentReadResult> {
  const now = options.now ?? new Date();
  if (image.byteLength > MAX_IMAGE_BYTES) {
    return { ok: false, failure: describeReadFailure("TOO_LARGE", "unsupported_format", "The photo is larger than 12 MB. Take it again at a lower resolution or upload a smaller copy.") };
  }
  let normalized: NormalizedImage;
  try {
    normalized = await normalizeImage(image);
  } catch (error) {
    if (error instanceof UnsupportedImageError) return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_format") };
    throw error;
  }

  const barcodes = await decodePdf417(normalized);
  for (const text of barcodes.pdf417) {
    const record = parseAamva(text);
    if (record) return succeed(toAamvaDocument(record, now), now);
  }
  if (barcodes.pdf417.length > 0 && !barcodes.pdf417.some(looksLikeAamva)) {
    return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_format", "This barcode isn't a driver's licence or ID card barcode. Photograph the large barcode on the back of your US or Canadian licence.") };
  }

  if (Math.min(normalized.originalWidth, normalized.originalHeight) < MIN_SHORT_SIDE) {
    return { ok: false, failure: describeReadFailure("UNREADABLE", "low_resolution") };
  }
  const mrz = await findMrz(normalized);
  if (mrz.found === "complete") {
    const document = parseMrz(mrz.lines, now);
    if (isGarbled(document)) return { ok: false, failure: diagnose(normalized, "garbled") };
    document.checks.push(...checkDocumentDates(document, null, now));
    return succeed(document, now);
  }
  if (barcodes.otherFormats.length > 0) {
    return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_format", `That is a ${barcodes.otherFormats[0]} code, not an identity document. Photograph the large barcode on the back of your licence or the photo page of your passport or ID card.`) };
  }
  return { ok: false, failure: diagnose(normalized, mrz) };
}
