import countries from "i18n-iso-countries";
import { toLettersWherePossible } from "./correct-mrz-field";
import type { DocumentCheck } from "./types";

/** Codes ICAO 9303 Part 3 §5 uses besides ISO 3166 alpha-3. */
const ICAO_SPECIAL_CODES = new Set(["D", "GBD", "GBN", "GBO", "GBP", "GBS", "EUE", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC", "XXA", "XXB", "XXC", "XXX", "RKS"]);

export function isIcaoCode(code: string): boolean {
  return ICAO_SPECIAL_CODES.has(code) || (code.length === 3 && countries.isValid(code));
}

/**
 * The nationality field left blank (all fillers): some residence and non-citizen cards (Macau's non-permanent
 * resident card) state no nationality. Read as "not stated", never as a code; the issuing state must be stated.
 */
export function readMrzNationality(raw: string, corrections: string[], checks: DocumentCheck[]): string | null {
  if (!/^<+$/.test(raw)) return readMrzCountry("nationality", raw, corrections, checks);
  checks.push({ name: "nationality code", passed: true, detail: "no nationality stated (the field is all fillers)" });
  return null;
}

/**
 * Reads a 3-character, letters-only country field. Digits become their look-alike letters and a
 * filler read as K/L/C after "D" (Germany, "D<<") becomes "<" only when that yields a real code and
 * the field as read is not one: the code list, not a guess, decides.
 */
export function readMrzCountry(label: string, raw: string, corrections: string[], checks: DocumentCheck[]): string {
  let code = raw.replace(/<+$/, "");
  if (!isIcaoCode(code)) {
    const letters = toLettersWherePossible(raw);
    const candidates = [letters.replace(/<+$/, ""), letters.replace(/[KLC<]+$/, "")].filter((candidate) => candidate.length > 0 && isIcaoCode(candidate));
    if (candidates.length > 0 && candidates.every((candidate) => candidate === candidates[0])) {
      corrections.push(`${label}: read "${raw}", corrected to "${candidates[0]}" (a known ICAO code)`);
      code = candidates[0]!;
    }
  }
  // "UTO" (Utopia) is the state of ICAO's published specimens: read correctly, but no real issuer.
  const detail = isIcaoCode(code) ? `${code} is an ICAO 9303 code` : code === "UTO" ? `"UTO" is ICAO's specimen state (Utopia), not a real issuer` : `"${code}" is not an ICAO 9303 country code`;
  checks.push({ name: `${label} code`, passed: isIcaoCode(code), detail });
  // Germany is the one state whose MRZ code is not its ISO alpha-3.
  return code === "D" ? "DEU" : code;
}
