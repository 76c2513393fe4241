import { correctMrzField, toDigitsWherePossible, type CheckedField } from "./correct-mrz-field";
import { toIsoDate } from "./parse-document-date";
import { readMrzCountry, readMrzNationality } from "./read-mrz-country";
import { readMrzName } from "./read-mrz-name";
import { NAME_READ_CHECK, type DocumentCheck, type ExtractedDocument } from "./types";

export type MrzFormat = "TD1" | "TD2" | "TD3";

export interface ParseMrzOptions {
  /** Edits findMrzLines made to the name line beyond filler counts (a dropped doubled glyph): doubts about the name. */
  nameLineRepairs?: string[];
}

/**
 * The youngest holder this product verifies. The MRZ prints two-digit years, so a birth year has two readings a
 * century apart; an employee is of working age (ILO Convention 138: 15 at the lowest, 16 in most of Europe and
 * for most US work), so a reading that makes the holder younger than this is taken in the earlier century.
 * A real 15-year-old's birth date then fails to match the directory: the safe side (decision 55).
 */
const YOUNGEST_HOLDER_YEARS = 16;

/** YYMMDD with a century chosen so that birth dates give a holder of working age and expiry dates lie within 50 years ahead. */
function readDate(yymmdd: string, kind: "birth" | "expiry", now: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2)), month = Number(yymmdd.slice(2, 4)), day = Number(yymmdd.slice(4, 6));
  if (kind === "expiry") return toIsoDate(2000 + yy > now.getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy, month, day);
  const youngestBirth = Date.UTC(now.getUTCFullYear() - YOUNGEST_HOLDER_YEARS, now.getUTCMonth(), now.getUTCDate());
  return toIsoDate(Date.UTC(2000 + yy, month - 1, day) > youngestBirth ? 1900 + yy : 2000 + yy, month, day);
}

/** ICAO 9303 Part 3 §4.2.2: the first character of the document code names the document. */
function documentTypeOf(code: string): string {
  if (code.startsWith("P")) return "PASSPORT";
  if (code.startsWith("V")) return "VISA";
  if (/^[IAC]/.test(code)) return "ID_CARD";
  return "OTHER";
}

function record(field: CheckedField, name: string, checks: DocumentCheck[], corrections: string[]): string {
  checks.push({ name, passed: field.passed, detail: field.detail });
  if (field.correction) corrections.push(field.correction);
  return field.value;
}

/** Check digits inside the composite are read as digits (they were verified on their own). */
function checkOf(line: string, index: number): string {
  return toDigitsWherePossible(line.charAt(index));
}

/**
 * Optional data (never the document number) as read, or, when its check digit fails, with the run of
 * K/L/C/< reaching the end of the field read as fillers: one alternative, taken only when the check
 * digit then verifies. Fillers are what OCR-B readers most often turn into K, L or C.
 */
function readOptionalData(label: string, field: string, checkCharacter: string | null, verify: (value: string) => boolean, corrections: string[]): string {
  if (verify(field)) return field;
  const padded = field.replace(/[KLC<]+$/, (run) => "<".repeat(run.length));
  if (padded === field || !verify(padded)) return field;
  corrections.push(`${label}: read "${field}${checkCharacter ?? ""}", fillers read as K/L/C restored to "${padded}" (check digit confirms)`);
  return padded;
}

/** A document number longer than 9 characters: "<" at the check position, the rest and its check digit in the optional data. */
function splitLongNumber(first9: string, checkCharacter: string, optional: string): { number: string; check: string; optional: string } {
  if (checkCharacter !== "<" || optional.charAt(0) === "<") return { number: first9, check: checkCharacter, optional };
  // The overflow ends at the first "<" actually read: a K/L/C is never taken as the end of a number.
  const overflow = /^[A-Z0-9]+/.exec(optional)?.[0] ?? "";
  return { number: first9 + overflow.slice(0, -1), check: overflow.slice(-1), optional: optional.slice(overflow.length) };
}

interface Fields {
  number: string;
  issuer: string;
  nationality: string;
  sex: string;
  nameField: string;
  composite: CheckedField;
  /** Optional data fields as read, where fillers misread as K/L/C show how this photo reads fillers. */
  optionalAsRead: string[];
}

const restoreFillers = (field: string) => field.replace(/[KLC<]+$/, (run) => "<".repeat(run.length));

/** TD1 (ICAO 9303 Part 5): number on line 1, dates on line 2, name on line 3; no check digit on the optional data. */
function readTd1(lines: string[], checks: DocumentCheck[], corrections: string[]): Fields & { birth: string; expiry: string } {
  const [line1 = "", line2 = "", line3 = ""] = lines;
  const long = splitLongNumber(line1.slice(5, 14), line1.charAt(14), line1.slice(15, 30));
  const number = record(correctMrzField("document number", long.number, long.check, "exact"), "document number check digit", checks, corrections);
  const birth = record(correctMrzField("date of birth", line2.slice(0, 6), line2.charAt(6), "numeric"), "date of birth check digit", checks, corrections);
  const expiry = record(correctMrzField("expiry date", line2.slice(8, 14), line2.charAt(14), "numeric"), "expiry date check digit", checks, corrections);
  // The composite covers line 1 from the document number on (its overflow as read) and line 2's optional data.
  const numberPart = line1.slice(5, 30 - long.optional.length);
  const compositeOf = (optional1: string, optional2: string) =>
    correctMrzField("composite", `${numberPart}${optional1}${birth}${checkOf(line2, 6)}${expiry}${checkOf(line2, 14)}${optional2}`, line2.charAt(29), "exact");
  let optional1 = long.optional;
  let optional2 = line2.slice(18, 29);
  optional1 = readOptionalData("optional data (line 1)", optional1, null, (value) => compositeOf(value, optional2).passed, corrections);
  optional2 = readOptionalData("optional data (line 2)", optional2, null, (value) => compositeOf(optional1, value).passed, corrections);
  if (!compositeOf(optional1, optional2).passed && compositeOf(restoreFillers(optional1), restoreFillers(optional2)).passed) {
    // Both lines' fillers misread at once: still one alternative, not a search.
    corrections.push(`optional data: fillers read as K/L/C restored on lines 1 and 2 (check digit confirms)`);
    [optional1, optional2] = [restoreFillers(optional1), restoreFillers(optional2)];
  }
  return { number, birth, expiry, issuer: line1.slice(2, 5), nationality: line2.slice(15, 18), sex: line2.charAt(7), nameField: line3, composite: compositeOf(optional1, optional2), optionalAsRead: [long.optional, line2.slice(18, 29)] };
}

/**
 * TD2 (Part 6, 2x36) and TD3 (Part 4, 2x44) share line 2 up to the expiry check digit; then TD3 has a
 * personal number with its own check digit, TD2 optional data (holding the rest of a long number).
 */
function readTd2OrTd3(format: "TD2" | "TD3", lines: string[], checks: DocumentCheck[], corrections: string[]): Fields & { birth: string; expiry: string } {
  const [line1 = "", line2 = ""] = lines;
  const compositeAt = format === "TD3" ? 43 : 35;
  const long = format === "TD2" ? splitLongNumber(line2.slice(0, 9), line2.charAt(9), line2.slice(28, 35)) : { number: line2.slice(0, 9), check: line2.charAt(9), optional: line2.slice(28, 42) };
  const number = record(correctMrzField("document number", long.number, long.check, "exact"), "document number check digit", checks, corrections);
  const birth = record(correctMrzField("date of birth", line2.slice(13, 19), line2.charAt(19), "numeric"), "date of birth check digit", checks, corrections);
  const expiry = record(correctMrzField("expiry date", line2.slice(21, 27), line2.charAt(27), "numeric"), "expiry date check digit", checks, corrections);
  const head = `${line2.slice(0, 10)}${birth}${checkOf(line2, 19)}${expiry}${checkOf(line2, 27)}`;
  const compositeOf = (tail: string) => correctMrzField("composite", head + tail, line2.charAt(compositeAt), "exact");

  if (format === "TD2") {
    const overflow = line2.slice(28, 35 - long.optional.length);
    const optional = readOptionalData("optional data", long.optional, null, (value) => compositeOf(overflow + value).passed, corrections);
    return { number, birth, expiry, issuer: line1.slice(2, 5), nationality: line2.slice(10, 13), sex: line2.charAt(20), nameField: line1.slice(5), composite: compositeOf(overflow + optional), optionalAsRead: [long.optional] };
  }
  const readCheck = line2.charAt(42);
  // An all-filler personal number may carry "<" as its check digit, and OCR reads that "<" as K/L/C as well.
  const checkFor = (value: string) => (/^<*$/.test(value) && /[KLC]/.test(readCheck) ? "<" : readCheck);
  const optional = readOptionalData("optional data", long.optional, readCheck, (value) => correctMrzField("optional data", value, checkFor(value), "exact").passed, corrections);
  const checked = correctMrzField("optional data", optional, checkFor(optional), "exact");
  record(checked, "optional data check digit", checks, corrections);
  const optionalCheck = checkFor(optional) === "<" ? "<" : checkOf(line2, 42);
  return { number, birth, expiry, issuer: line1.slice(2, 5), nationality: line2.slice(10, 13), sex: line2.charAt(20), nameField: line1.slice(5), composite: compositeOf(optional + optionalCheck), optionalAsRead: [long.optional] };
}

/**
 * Parses MRZ lines of exactly the right length (TD1 3x30, TD2 2x36, TD3 2x44; ICAO 9303 Parts 4-6),
 * verifies every check digit and applies only corrections the ICAO character classes make certain:
 * letters to digits in dates and check digits, digits to letters in country codes. The document
 * number is verified exactly as read. Visas (document code V) come back as documentType "VISA" with
 * a failed "document type" check; findMrzLines refuses them before they get here.
 */
export function parseMrz(lines: string[], now: Date, options: ParseMrzOptions = {}): ExtractedDocument {
  const format: MrzFormat = lines.length === 3 ? "TD1" : (lines[0]?.length ?? 0) <= 36 ? "TD2" : "TD3";
  const checks: DocumentCheck[] = [];
  const corrections: string[] = [];
  const documentCode = (lines[0] ?? "").slice(0, 2);
  const fields = format === "TD1" ? readTd1(lines, checks, corrections) : readTd2OrTd3(format, lines, checks, corrections);
  const { composite, birth, expiry } = fields;
  // The composite is never "corrected" on its own: its field is made of values checked above.
  checks.push({ name: "composite check digit", passed: composite.passed, detail: composite.detail });

  // A shorter number is padded with fillers at its end; a filler inside it is not a number ICAO allows.
  const documentNumber = fields.number.replace(/<+$/, "");
  if (documentNumber.includes("<") || documentNumber.length === 0) {
    checks.push({ name: "document number characters", passed: false, detail: `"${fields.number}" has a filler inside the number or no number at all` });
  } else if (/K(<|K)<*$/.test(fields.number)) {
    // K is worth 20, so a filler misread as K never changes a check digit: "X0O0D0K<<" and "X0O0D0<<<" both
    // verify. A K run reaching the padding is refused rather than guessed either way.
    checks.push({ name: "document number characters", passed: false, detail: `"${fields.number}" ends in K next to fillers, which no check digit tells from a misread filler` });
  }
  const documentType = documentTypeOf(documentCode);
  checks.push({
    name: "document type",
    passed: documentType !== "VISA" && documentType !== "OTHER",
    detail: documentType === "VISA" ? `document code "${documentCode}" is a visa, not an identity document` : `document code "${documentCode}" (${documentType})`,
  });

  // Optional data ending in a filler-like run with K/L/C in it (K is worth 20, invisible to a check digit)
  // shows that this photo's fillers read as K/L/C: evidence against the K/L/C in the name.
  const fillersMisreadElsewhere =
    corrections.some((correction) => correction.includes("fillers read as K/L/C")) || fields.optionalAsRead.some((optional) => /(?=[KLC<]*[KLC])[KLC<]{3,}$/.test(optional));
  const name = readMrzName(fields.nameField, options.nameLineRepairs, fillersMisreadElsewhere);
  checks.push({
    name: NAME_READ_CHECK,
    passed: name.doubts.length === 0,
    detail: name.doubts.length === 0 ? "no check digit covers the name; read without guessing" : `no check digit covers the name and it needed guesses: ${name.doubts.join("; ")}`,
  });
  corrections.push(...name.repairs.map((repair) => `name: ${repair}`));

  return {
    kind: format === "TD1" ? "MRZ_TD1" : format === "TD2" ? "MRZ_TD2" : "MRZ_TD3",
    documentType,
    issuingCountry: readMrzCountry("issuing state", fields.issuer, corrections, checks),
    issuingJurisdiction: null,
    documentNumber,
    surname: name.surname,
    givenNames: name.givenNames,
    dateOfBirth: readDate(birth, "birth", now),
    expiryDate: readDate(expiry, "expiry", now),
    nationality: readMrzNationality(fields.nationality, corrections, checks),
    sex: fields.sex === "M" || fields.sex === "F" || fields.sex === "X" ? fields.sex : null,
    address: null,
    checks,
    corrections,
  };
}
