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

// Outside these years an 8-digit reading in the expected format is not a licence date.
const EARLIEST_YEAR = 1880;
const LATEST_YEAR = 2200;
// A reading in the other format, or a guess where the standard fixes none, must be tighter: with years 1900-2100
// a CCYYMMDD value starts 19, 20 or 21 and an MMDDCCYY value starts with a month (at most 12), so no value reads
// as a real date both ways, and a single misread digit of a real date never makes a real date in the other format.
const PLAUSIBLE_EARLIEST_YEAR = 1900;
const PLAUSIBLE_LATEST_YEAR = 2100;

function readAs(digits: string, format: AamvaDateFormat, earliest = EARLIEST_YEAR, latest = LATEST_YEAR): string | null {
  const [year, month, day] =
    format === "CCYYMMDD"
      ? [Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8))]
      : [Number(digits.slice(4, 8)), Number(digits.slice(0, 2)), Number(digits.slice(2, 4))];
  if (year < earliest || year > latest) return null;
  return toIsoDate(year, month, day);
}

const readPlausibly = (digits: string, format: AamvaDateFormat) => readAs(digits, format, PLAUSIBLE_EARLIEST_YEAR, PLAUSIBLE_LATEST_YEAR);

const OTHER: Record<AamvaDateFormat, AamvaDateFormat> = { MMDDCCYY: "CCYYMMDD", CCYYMMDD: "MMDDCCYY" };

export interface AamvaDateReading {
  value: string | null;
  check: DocumentCheck | null;
  /** Set when the value was read in the other format than the version and country prescribe. */
  correction: string | null;
}

/**
 * Reads one date element under the barcode's rule. The prescribed format is tried first. Issuers do break it
 * (New Brunswick writes MMDDCCYY, Wyoming CCYYMMDD), so a value that is no real date in the prescribed format
 * but is one in the other format, with a year in 1900-2100, is read that way and the correction recorded;
 * a value that is a real date in neither is refused. Where the standard leaves the format open (version 0,
 * unknown country) the single plausible reading is taken; where the barcode's own evidence conflicts (DCG
 * against the IIN) nothing is read, because a conflict is what a forged or spliced barcode looks like.
 */
export function readAamvaDate(id: string, label: string, raw: string | undefined, rule: AamvaDateRule): AamvaDateReading {
  if (raw === undefined) return { value: null, check: null, correction: null };
  const name = `AAMVA ${label} format`;
  const digits = raw.trim();
  const refuse = (reason: string) => ({ value: null, check: { name, passed: false, detail: `${id} "${raw}" refused: ${reason}` }, correction: null });
  if (!/^\d{8}$/.test(digits)) return refuse("not 8 digits");
  if (/^0{8}$/.test(digits)) return refuse("all zeros (no date)");
  if (rule.format) {
    const value = readAs(digits, rule.format);
    if (value) return { value, check: { name, passed: true, detail: `${id} ${digits} read as ${value} (${rule.why})` }, correction: null };
    const other = OTHER[rule.format];
    const instead = readPlausibly(digits, other);
    if (!instead) return refuse(`not a real date as ${rule.format} (${rule.why}) nor as ${other}`);
    const correction = `${label}: ${id} ${digits} is not a ${rule.format} date (${rule.why}) but is the ${other} date ${instead}, read that way`;
    return { value: instead, check: { name, passed: true, detail: `${id} ${digits} read as ${instead} in ${other}: not a real ${rule.format} date (${rule.why}), and only the ${other} reading is one` }, correction };
  }
  if (!rule.inferable) return refuse(`the date format can't be chosen: ${rule.why}`);
  const readings = (["MMDDCCYY", "CCYYMMDD"] as const).map((format) => ({ format, value: readPlausibly(digits, format) })).filter((reading) => reading.value !== null);
  if (readings.length !== 1) return refuse(readings.length === 0 ? `not a real date in either format (${rule.why})` : `fits both MMDDCCYY and CCYYMMDD and ${rule.why}`);
  const [only] = readings;
  return { value: only!.value, check: { name, passed: true, detail: `${id} ${digits} read as ${only!.value}: ${rule.why}, and only the ${only!.format} reading is a real date` }, correction: null };
}
