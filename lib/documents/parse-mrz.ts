import countries from "i18n-iso-countries";
import { correctMrzField, toDigitsWherePossible, toLettersWherePossible, type CheckedField } from "./correct-mrz-field";
import { toIsoDate } from "./parse-document-date";
import type { DocumentCheck, ExtractedDocument } from "./types";

export type MrzFormat = "TD1" | "TD3";

/** Codes ICAO 9303 Part 3 §5 uses besides ISO 3166 alpha-3. */
const ICAO_SPECIAL_CODES = new Set(["D", "GBD", "GBN", "GBO", "GBP", "GBS", "EUE", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC", "XXA", "XXB", "XXC", "XXX", "RKS"]);

function isIcaoCode(code: string): boolean {
  return ICAO_SPECIAL_CODES.has(code) || (code.length === 3 && countries.isValid(code));
}

/** Reads a 3-character country field; digits become letters only when that yields a real code. */
function readCountry(label: string, raw: string, corrections: string[], checks: DocumentCheck[]): string {
  let code = raw.replace(/<+$/, "");
  if (!isIcaoCode(code) && isIcaoCode(toLettersWherePossible(code))) {
    corrections.push(`${label}: read "${code}", corrected to "${toLettersWherePossible(code)}" (a known ICAO code)`);
    code = toLettersWherePossible(code);
  }
  checks.push({ name: `${label} code`, passed: isIcaoCode(code), detail: isIcaoCode(code) ? `${code} is an ICAO 9303 code` : `"${code}" is not an ICAO 9303 country code` });
  // Germany is the one state whose MRZ code is not its ISO alpha-3.
  return code === "D" ? "DEU" : code;
}

/**
 * SURNAME<<GIVEN<NAMES → surname and space-separated given names. Names hold only A-Z, so a digit
 * there is a misread letter; that is recorded as a check, not a correction, since no check digit covers names.
 */
function readNames(field: string, checks: DocumentCheck[]): { surname: string; givenNames: string } {
  const letters = toLettersWherePossible(field);
  if (letters !== field) checks.push({ name: "name characters", passed: true, detail: `digits in the name field read as letters: "${field.replace(/<+$/, "")}"` });
  const [surname = "", given = ""] = letters.split("<<");
  const words = (part: string) => part.split("<").filter(Boolean).join(" ");
  return { surname: words(surname), givenNames: words(given) };
}

/** YYMMDD with a century chosen so that birth dates lie in the past and expiry dates within 50 years ahead. */
function readDate(yymmdd: string, kind: "birth" | "expiry", now: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const thisYear = now.getUTCFullYear();
  const limit = kind === "birth" ? thisYear : thisYear + 50;
  const year = 2000 + yy > limit ? 1900 + yy : 2000 + yy;
  return toIsoDate(year, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
}

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

/** TD1 document numbers over 9 characters: "<" at the check position, the rest and its check digit in the optional data. */
function td1DocumentNumber(line1: string): { number: string; check: string; optional: string } {
  if (line1.charAt(14) !== "<" || line1.charAt(15) === "<") return { number: line1.slice(5, 14), check: line1.charAt(14), optional: line1.slice(15, 30) };
  const overflow = /^([A-Z0-9]+)/.exec(line1.slice(15))?.[1] ?? "";
  return { number: line1.slice(5, 14) + overflow.slice(0, -1), check: overflow.slice(-1), optional: line1.slice(15 + overflow.length, 30) };
}

/**
 * Parses MRZ lines of exactly the right length (TD1 3×30, TD3 2×44), verifies every check digit
 * and applies only the OCR corrections a check digit confirms.
 */
export function parseMrz(lines: string[], now: Date): ExtractedDocument {
  const format: MrzFormat = lines.length === 3 ? "TD1" : "TD3";
  const checks: DocumentCheck[] = [];
  const corrections: string[] = [];
  const [line1 = "", line2 = "", line3 = ""] = lines;

  let number: string, birth: string, expiry: string, composite: CheckedField;
  let issuer: string, nationality: string, sex: string, names: { surname: string; givenNames: string };
  if (format === "TD3") {
    number = record(correctMrzField("document number", line2.slice(0, 9), line2.charAt(9), "alphanumeric"), "document number check digit", checks, corrections);
    birth = record(correctMrzField("date of birth", line2.slice(13, 19), line2.charAt(19), "numeric"), "date of birth check digit", checks, corrections);
    expiry = record(correctMrzField("expiry date", line2.slice(21, 27), line2.charAt(27), "numeric"), "expiry date check digit", checks, corrections);
    const personal = record(correctMrzField("optional data", line2.slice(28, 42), line2.charAt(42), "alphanumeric"), "optional data check digit", checks, corrections);
    const compositeCheck = line2.charAt(43);
    const compositeField = `${number}${checkOf(line2, 9)}${birth}${checkOf(line2, 19)}${expiry}${checkOf(line2, 27)}${personal}${checkOf(line2, 42)}`;
    composite = correctMrzField("composite", compositeField, compositeCheck, "exact");
    issuer = line1.slice(2, 5);
    nationality = line2.slice(10, 13);
    sex = line2.charAt(20);
    names = readNames(line1.slice(5), checks);
  } else {
    const documentNumber = td1DocumentNumber(line1);
    number = record(correctMrzField("document number", documentNumber.number, documentNumber.check, "alphanumeric"), "document number check digit", checks, corrections);
    birth = record(correctMrzField("date of birth", line2.slice(0, 6), line2.charAt(6), "numeric"), "date of birth check digit", checks, corrections);
    expiry = record(correctMrzField("expiry date", line2.slice(8, 14), line2.charAt(14), "numeric"), "expiry date check digit", checks, corrections);
    // The composite covers line 1 from the document number on, with corrections applied to the fields they confirmed.
    const correctedLine1 = line1.slice(0, 5) + line1.slice(5).replace(documentNumber.number, number);
    const compositeField = `${correctedLine1.slice(5, 30)}${birth}${checkOf(line2, 6)}${expiry}${checkOf(line2, 14)}${line2.slice(18, 29)}`;
    composite = correctMrzField("composite", compositeField, line2.charAt(29), "exact");
    issuer = line1.slice(2, 5);
    nationality = line2.slice(15, 18);
    sex = line2.charAt(7);
    names = readNames(line3, checks);
  }
  // The composite is never "corrected" on its own: its field is made of values checked above.
  checks.push({ name: "composite check digit", passed: composite.passed, detail: composite.detail });
  if (composite.correction) corrections.push(composite.correction);

  const dateOfBirth = readDate(birth, "birth", now);
  const expiryDate = readDate(expiry, "expiry", now);
  return {
    kind: format === "TD1" ? "MRZ_TD1" : "MRZ_TD3",
    documentType: documentTypeOf(line1.slice(0, 2)),
    issuingCountry: readCountry("issuing state", issuer, corrections, checks),
    issuingJurisdiction: null,
    documentNumber: number.replace(/<+$/, "").replace(/</g, ""),
    surname: names.surname,
    givenNames: names.givenNames,
    dateOfBirth,
    expiryDate,
    nationality: readCountry("nationality", nationality, corrections, checks),
    sex: sex === "M" || sex === "F" || sex === "X" ? sex : null,
    address: null,
    checks,
    corrections,
  };
}

/** Check digits inside the composite are read as digits (they were verified on their own). */
function checkOf(line: string, index: number): string {
  return toDigitsWherePossible(line.charAt(index));
}
