import { computeCheckDigit } from "./compute-check-digit";

// The confusions OCR engines make between look-alike glyphs in MRZ fonts. They are applied only to
// fields whose ICAO 9303 character class makes the intended character certain: a letter in a digit-only
// field (dates, check digits) must be a digit, a digit in a letter-only field (country codes, sex) a letter.
const LETTER_TO_DIGIT: Record<string, string> = { O: "0", Q: "0", D: "0", I: "1", L: "1", B: "8", S: "5", Z: "2", G: "6" };
const DIGIT_TO_LETTER: Record<string, string> = { "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G" };

/** For digit-only fields (dates, check digits): letters there are misread digits. */
export function toDigitsWherePossible(text: string): string {
  return [...text].map((character) => LETTER_TO_DIGIT[character] ?? character).join("");
}

/** For letter-only fields (country codes, sex, document code): digits there are misread letters. */
export function toLettersWherePossible(text: string): string {
  return [...text].map((character) => DIGIT_TO_LETTER[character] ?? character).join("");
}

export interface CheckedField {
  /** The value after the class corrections above (numeric fields only), else exactly as read. */
  value: string;
  passed: boolean;
  detail: string;
  /** Set when the value or its check digit differs from what OCR read. */
  correction: string | null;
}

function checkDigitMatches(field: string, checkCharacter: string): boolean {
  // ICAO allows "<" as the check digit of an optional field that is entirely filler.
  if (checkCharacter === "<") return /^<*$/.test(field);
  return String(computeCheckDigit(field)) === checkCharacter;
}

/**
 * Verifies an MRZ field against its check digit.
 *
 * - numeric: the field may only hold digits (dates), so a letter is an OCR error and becomes its
 *   look-alike digit; the check digit must then match.
 * - exact: alphanumeric fields (document number, optional data, composite) are verified exactly as
 *   read. No look-alike is ever swapped to make a check digit pass: a one-digit checksum accepts one
 *   in ten guesses, so a search over swaps turns misreads and forgeries into other, "valid" numbers.
 *   A failed check here means "not read reliably", never "repaired".
 *
 * The check character itself is digit-only in both modes (or "<" for an all-filler optional field).
 */
export function correctMrzField(label: string, field: string, checkCharacter: string, mode: "numeric" | "exact"): CheckedField {
  const check = checkCharacter === "<" ? "<" : toDigitsWherePossible(checkCharacter);
  const asRead = mode === "numeric" ? toDigitsWherePossible(field) : field;
  if (checkDigitMatches(asRead, check)) {
    const changed = asRead !== field || check !== checkCharacter;
    return {
      value: asRead,
      passed: true,
      detail: `${label} check digit ${check} matches`,
      correction: changed ? `${label}: read "${field}${checkCharacter}", corrected to "${asRead}${check}" (digit-only field; check digit confirms)` : null,
    };
  }
  const expected = computeCheckDigit(asRead);
  return {
    value: field,
    passed: false,
    detail: `${label} check digit is ${checkCharacter} but "${field}" computes ${expected ?? "no valid digit"}`,
    correction: null,
  };
}
