import sharp from "sharp";
import { checkDocumentDates } from "./check-document-dates";
import { findMrzLines } from "./find-mrz-lines";
import { doubtfulNameGlyphs, numberReadDoubt } from "./mrz-reader/doubtful-glyphs";
import { readMrzZone } from "./mrz-reader/read-mrz-zone";
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
 * A zone read this well is OCR-B read cleanly: a check digit that fails there is what is printed (a forgery
 * or a damaged document), not a misread that another reader would fix.
 */
const CONFIDENT_ZONE = 0.8;

/** The dedicated OCR-B reader (lib/documents/mrz-reader): finds the zone at any tilt and reads it cell by cell. */
async function readWithTemplates(image: NormalizedImage, now: Date): Promise<{ reading: MrzReading; confident: boolean } | null> {
  const zone = await readMrzZone(image);
  if (!zone) return null;
  // ICAO 9303 Part 7: the document code of a machine-readable visa starts with "V" (MRV-A 2x44, MRV-B 2x36).
  if (zone.format !== "TD1" && zone.lines[0]!.startsWith("V")) return { reading: { found: "visa" }, confident: true };
  const document = parseMrz(zone.lines, now, { nameLineRepairs: doubtfulNameGlyphs(zone) });
  const doubt = numberReadDoubt(zone);
  if (doubt) document.checks.push({ name: "document number read", passed: false, detail: `not read with certainty: ${doubt}` });
  return { reading: { found: "complete", document, failedCheckDigits: failedCheckDigits(document) }, confident: zone.meanScore >= CONFIDENT_ZONE };
}

const scoreOf = (reading: Extract<MrzReading, { found: "complete" }>) => reading.failedCheckDigits * 2 + nameDoubted(reading.document);

/**
 * Reads the MRZ and parses it: the OCR-B template reader first; tesseract only when that found no zone or
 * read it poorly. A read where every check digit passes is taken at once; otherwise the read with the
 * fewest failures wins, so a genuine check-digit failure (a forgery) survives every attempt while an OCR
 * slip does not.
 */
export async function readMrzDocument(image: NormalizedImage, now: Date, options: { tesseract: boolean } = { tesseract: true }): Promise<MrzReading> {
  let best: MrzReading = { found: "none" };
  const templated = await readWithTemplates(image, now);
  if (templated) {
    best = templated.reading;
    if (best.found === "visa" || (best.found === "complete" && (templated.confident || scoreOf(best) === 0))) return withDates(best, now);
  }
  if (!options.tesseract) return withDates(best, now);
  for (const { fromTop, scale } of ATTEMPTS) {
    const found = findMrzLines(await recognizeMrzText(await regionPng(image, fromTop, scale)));
    // Known by its document code: no other attempt turns a visa into an identity document.
    if (found.found === "visa") return { found: "visa" };
    if (found.found === "partial" && best.found === "none") best = { found: "partial" };
    if (found.found !== "complete") continue;
    const document = parseMrz(found.lines, now, { nameLineRepairs: found.nameLineRepairs });
    const reading = { found: "complete", document, failedCheckDigits: failedCheckDigits(document) } as const;
    if (best.found !== "complete" || scoreOf(reading) < scoreOf(best)) best = reading;
    if (scoreOf(reading) === 0) break;
  }
  return withDates(best, now);
}

function withDates(reading: MrzReading, now: Date): MrzReading {
  if (reading.found === "complete") reading.document.checks.push(...checkDocumentDates(reading.document, null, now));
  return reading;
}
