import { decodePdf417 } from "./decode-pdf417";
import { describeReadFailure } from "./describe-read-failure";
import { diagnoseReadFailure as diagnose } from "./diagnose-read-failure";
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from "./image-limits";
import { normalizeImage, UnsupportedImageError, type NormalizedImage } from "./normalize-image";
import { looksLikeAamva, parseAamva } from "./parse-aamva";
import { isoDay } from "./parse-document-date";
import { toAamvaDocument } from "./read-aamva-document";
import { readMrzDocument } from "./read-mrz-document";
import type { DocumentReadResult, ExtractedDocument, ReadIdentityDocumentOptions } from "./types";

export { MAX_IMAGE_BYTES };

/** For an image over MAX_IMAGE_PIXELS (refused from its header, never decoded). */
export const TOO_MANY_PIXELS = `The photo has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels. Take it again at a lower resolution or upload a smaller copy.`;

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
    if (error instanceof UnsupportedImageError && error.reason === "too_many_pixels") return { ok: false, failure: describeReadFailure("TOO_LARGE", "unsupported_format", TOO_MANY_PIXELS) };
    if (error instanceof UnsupportedImageError) return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_format") };
    throw error;
  }

  const barcodes = await decodePdf417(normalized);
  for (const text of barcodes.pdf417) {
    const record = parseAamva(text);
    if (record) return succeed(toAamvaDocument(record, now), now);
  }
  // An AAMVA header without a DL/ID subfile we can find: saying "no barcode found" or "glare" would send the
  // employee to retake a photo that was read perfectly well.
  if (barcodes.pdf417.some(looksLikeAamva)) return { ok: false, failure: describeReadFailure("UNREADABLE", "incomplete_barcode") };
  if (barcodes.pdf417.length > 0) {
    return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_format", "This barcode isn't a driver's licence or ID card barcode. Photograph the large barcode on the back of your US or Canadian licence.") };
  }

  // Small photos are read too: a thumbnail of a clean scan often reads, and its check digits say when it did not.
  const mrz = await readMrzDocument(normalized, now);
  if (mrz.found === "visa") return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_document") };
  // A forgery breaks one check digit; most of them failing means OCR misread the zone.
  if (mrz.found === "complete" && mrz.failedCheckDigits >= 3) return { ok: false, failure: diagnose(normalized, "garbled") };
  // The number is never "repaired" (a checksum accepts one guess in ten): one that does not verify is not read.
  if (mrz.found === "complete" && mrz.document.checks.some((check) => check.name.startsWith("document number") && !check.passed)) {
    return { ok: false, failure: describeReadFailure("UNREADABLE", "unreadable_number") };
  }
  if (mrz.found === "complete") return succeed(mrz.document, now);
  if (barcodes.otherFormats.length > 0) {
    return { ok: false, failure: describeReadFailure("UNSUPPORTED", "unsupported_format", `That is a ${barcodes.otherFormats[0]} code, not an identity document. Photograph the large barcode on the back of your licence or the photo page of your passport or ID card.`) };
  }
  return { ok: false, failure: diagnose(normalized, mrz.found) };
}
