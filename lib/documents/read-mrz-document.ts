import sharp from "sharp";
import { checkDocumentDates } from "./check-document-dates";
import { findMrzLines } from "./find-mrz-lines";
import type { NormalizedImage } from "./normalize-image";
import { recognizeMrzText } from "./ocr-mrz";
import { parseMrz } from "./parse-mrz";
import type { ExtractedDocument } from "./types";

export type MrzReading =
  | { found: "complete"; document: ExtractedDocument; failedCheckDigits: number }
  | { found: "visa" }
  | { found: "partial" }
  | { found: "none" };

/**
 * Where and at what scale to OCR, cheapest first. The MRZ sits at the bottom of passports and ID
 * cards, so the lower half comes first; LSTM OCR misreads differ between scales (a "6" after a
 * filler run read as "H" at one size, correctly at another), so a failed check digit earns a retry.
 */
const ATTEMPTS = [
  { fromTop: 0.5, scale: 1 },
  { fromTop: 0.5, scale: 1.5 },
  { fromTop: 0, scale: 1 },
] as const;

async function regionPng(image: NormalizedImage, fromTop: number, scale: number): Promise<Buffer> {
  const top = Math.floor(image.height * fromTop);
  return sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } })
    .extract({ left: 0, top, width: image.width, height: image.height - top })
    .resize({ width: Math.round(image.width * scale) })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

function failedCheckDigits(document: ExtractedDocument): number {
  return document.checks.filter((check) => check.name.endsWith("check digit") && !check.passed).length;
}

/** A name read with guesses (fillers read as K/L/C) counts against an attempt, after its check digits. */
function nameDoubted(document: ExtractedDocument): number {
  return document.checks.some((check) => check.name === "name read" && !check.passed) ? 1 : 0;
}

/**
 * OCRs the MRZ and parses it. A read where every check digit passes is taken at once; otherwise
 * the read with the fewest failures wins, so a genuine check-digit failure (a forgery) survives
 * every attempt while an OCR slip does not.
 */
export async function readMrzDocument(image: NormalizedImage, now: Date): Promise<MrzReading> {
  let best: MrzReading = { found: "none" };
  for (const { fromTop, scale } of ATTEMPTS) {
    const found = findMrzLines(await recognizeMrzText(await regionPng(image, fromTop, scale)));
    // Known by its document code: no other attempt turns a visa into an identity document.
    if (found.found === "visa") return { found: "visa" };
    if (found.found === "partial" && best.found === "none") best = { found: "partial" };
    if (found.found !== "complete") continue;
    const document = parseMrz(found.lines, now, { nameLineRepairs: found.nameLineRepairs });
    const failed = failedCheckDigits(document);
    const score = failed * 2 + nameDoubted(document);
    if (best.found !== "complete" || score < best.failedCheckDigits * 2 + nameDoubted(best.document)) best = { found: "complete", document, failedCheckDigits: failed };
    if (score === 0) break;
  }
  if (best.found === "complete") best.document.checks.push(...checkDocumentDates(best.document, null, now));
  return best;
}
