import { toIsoDate } from "./parse-document-date";
import type { DocumentCheck } from "./types";

export type AamvaDateFormat = "MMDDCCYY" | "CCYYMMDD";

/** The format chosen for a barcode, or null with the reason when the standard leaves it open. */
export interface AamvaDateRule {
  format: AamvaDateFormat | null;
  /** Without a format: whether the single plausible reading may be taken (false when the evidence conflicts). */
  inferable: boolean;
  why: string;
}

/**
 * AAMVA DL/ID-2000 (version 1) writes every date CCYYMMDD; versions 2 (2003) to 10 (2020) write MMDDCCYY in
 * the USA and CCYYMMDD in Canada (2020 standard, D.12.5.1). Version 0 (pre-standard) defines no format.
 */
export function chooseAamvaDateFormat(version: number, country: "USA" | "CAN" | null, countryConflict: string | null): AamvaDateRule {
  if (version === 1) return { format: "CCYYMMDD", inferable: false, why: "version 1 (AAMVA DL/ID-2000) writes CCYYMMDD" };
  if (version === 0) return { format: null, inferable: true, why: "a pre-standard (version 0) barcode defines no date format" };
  if (countryConflict !== null) return { format: null, inferable: false, why: countryConflict };
  if (country === null) return { format: null, inferable: true, why: "the issuing country is unknown" };
  return country === "CAN"
    ? { format: "CCYYMMDD", inferable: false, why: `version ${version}, Canada: CCYYMMDD` }
    : { format: "MMDDCCYY", inferable: false, why: `version ${version}, USA: MMDDCCYY` };
}

// Outside these years an 8-digit reading is not a licence date; the bound also keeps the two formats apart
// (MMDD read as a year is at most 1231), so at most one reading of a value can be plausible.
const EARLIEST_YEAR = 1880;
const LATEST_YEAR = 2200;

function readAs(digits: string, format: AamvaDateFormat): string | null {
  const [year, month, day] =
    format === "CCYYMMDD"
      ? [Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8))]
      : [Number(digits.slice(4, 8)), Number(digits.slice(0, 2)), Number(digits.slice(2, 4))];
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return null;
  return toIsoDate(year, month, day);
}

const OTHER: Record<AamvaDateFormat, AamvaDateFormat> = { MMDDCCYY: "CCYYMMDD", CCYYMMDD: "MMDDCCYY" };

/**
 * Reads one date element under the barcode's rule. A value that is not a real date under the chosen format
 * is refused (null) with the reason, even when the other format would read it: an issuer's barcode follows
 * its version's format, and guessing would turn a misread or forged value into a plausible date. Only when
 * the standard leaves the format open (version 0, unknown country) is the single plausible reading taken.
 */
export function readAamvaDate(id: string, label: string, raw: string | undefined, rule: AamvaDateRule): { value: string | null; check: DocumentCheck | null } {
  if (raw === undefined) return { value: null, check: null };
  const name = `AAMVA ${label} format`;
  const digits = raw.trim();
  const refuse = (reason: string) => ({ value: null, check: { name, passed: false, detail: `${id} "${raw}" refused: ${reason}` } });
  if (!/^\d{8}$/.test(digits)) return refuse("not 8 digits");
  if (/^0{8}$/.test(digits)) return refuse("all zeros (no date)");
  if (rule.format) {
    const value = readAs(digits, rule.format);
    if (value) return { value, check: { name, passed: true, detail: `${id} ${digits} read as ${value} (${rule.why})` } };
    const other = readAs(digits, OTHER[rule.format]);
    return refuse(
      other
        ? `not a ${rule.format} date (${rule.why}); as ${OTHER[rule.format]} it would be ${other}, but the format is fixed by the version and country, so it is not guessed`
        : `not a real ${rule.format} date (${rule.why})`,
    );
  }
  if (!rule.inferable) return refuse(`the date format can't be chosen: ${rule.why}`);
  const readings = (["MMDDCCYY", "CCYYMMDD"] as const).map((format) => ({ format, value: readAs(digits, format) })).filter((reading) => reading.value !== null);
  if (readings.length !== 1) return refuse(readings.length === 0 ? `not a real date in either format (${rule.why})` : `fits both MMDDCCYY and CCYYMMDD and ${rule.why}`);
  const [only] = readings;
  return { value: only!.value, check: { name, passed: true, detail: `${id} ${digits} read as ${only!.value}: ${rule.why}, and only the ${only!.format} reading is a real date` } };
}
