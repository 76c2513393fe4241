import { checkDocumentDates } from "./check-document-dates";
import { doubtfulNameGlyphs, numberReadDoubt } from "./mrz-reader/doubtful-glyphs";
import { readMrzZone } from "./mrz-reader/read-mrz-zone";
import type { NormalizedImage } from "./normalize-image";
import { parseMrz } from "./parse-mrz";
import type { ExtractedDocument } from "./types";

export type MrzReading = { found: "complete"; document: ExtractedDocument; failedCheckDigits: number } | { found: "visa" } | { found: "none" };

function failedCheckDigits(document: ExtractedDocument): number {
  return document.checks.filter((check) => check.name.endsWith("check digit") && !check.passed).length;
}

/**
 * Reads the MRZ with the OCR-B template reader (lib/documents/mrz-reader) and parses it. Tesseract, which this
 * replaced, read OCR-B's fillers as K/L/C; kept as a fallback it read nothing the template reader missed, on
 * the held-out set or the synthetic one, and doubled the time of every refusal (decision 49).
 */
export async function readMrzDocument(image: NormalizedImage, now: Date): Promise<MrzReading> {
  const zone = await readMrzZone(image);
  if (!zone) return { found: "none" };
  // ICAO 9303 Part 7: the document code of a machine-readable visa starts with "V" (MRV-A 2x44, MRV-B 2x36).
  if (zone.format !== "TD1" && zone.lines[0]!.startsWith("V")) return { found: "visa" };
  const document = parseMrz(zone.lines, now, { nameLineRepairs: doubtfulNameGlyphs(zone) });
  const doubt = numberReadDoubt(zone);
  if (doubt) document.checks.push({ name: "document number read", passed: false, detail: `not read with certainty: ${doubt}` });
  document.checks.push(...checkDocumentDates(document, null, now));
  return { found: "complete", document, failedCheckDigits: failedCheckDigits(document) };
}
