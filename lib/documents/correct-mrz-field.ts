import { computeCheckDigit } from "./compute-check-digit";

// The confusions OCR engines make between look-alike glyphs in MRZ fonts.
const LETTER_TO_DIGIT: Record<string, string> = { O: "0", Q: "0", D: "0", I: "1", L: "1", B: "8", S: "5", Z: "2", G: "6" };
const DIGIT_TO_LETTER: Record<string, string> = { "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G" };

export function toDigitsWherePossible(text: string): string {
  return [...text].map((character) => LETTER_TO_DIGIT[character] ?? character).join("");
}

export function toLettersWherePossible(text: string): string {
  return [...text].map((character) => DIGIT_TO_LETTER[character] ?? character).join("");
}

export interface CheckedField {
  /** The value after the corrections a check digit confirmed (else exactly as read). */
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

/** Every way of swapping confusable characters (letter↔digit), fewest swaps first. */
function* confusionVariants(field: string): Generator<{ value: string; swaps: number }> {
  const positions = [...field].flatMap((character, index) => (LETTER_TO_DIGIT[character] || DIGIT_TO_LETTER[character] ? [index] : []));
  // 2^10 variants at most: longer fields with more look-alikes are rejected rather than brute-forced.
  const limited = positions.slice(0, 10);
  const variants: { value: string; swaps: number }[] = [];
  for (let mask = 1; mask < 1 << limited.length; mask++) {
    const characters = [...field];
    let swaps = 0;
    limited.forEach((position, bit) => {
      if (!(mask & (1 << bit))) return;
      const character = characters[position]!;
      characters[position] = LETTER_TO_DIGIT[character] ?? DIGIT_TO_LETTER[character] ?? character;
      swaps++;
    });
    variants.push({ value: characters.join(""), swaps });
  }
  yield* variants.sort((a, b) => a.swaps - b.swaps);
}

/**
 * Verifies an MRZ field against its check digit. Look-alike characters are swapped only when
 * exactly one least-changed variant then satisfies the check digit; a field that still fails
 * is returned as read, so a forged check digit can never be "corrected" away silently.
 *
 * - numeric: the field may only hold digits (dates), so letters are OCR errors.
 * - alphanumeric: look-alikes are swapped only where exactly one least-changed variant verifies.
 * - exact: no swaps (the composite, whose parts were verified on their own).
 */
export function correctMrzField(label: string, field: string, checkCharacter: string, mode: "numeric" | "alphanumeric" | "exact"): CheckedField {
  const numeric = mode === "numeric";
  // A check digit is always a digit (or "<" for an empty optional field).
  const check = checkCharacter === "<" ? "<" : toDigitsWherePossible(checkCharacter);
  const asRead = numeric ? toDigitsWherePossible(field) : field;
  const describe = (value: string) => (value === field && check === checkCharacter ? null : `${label}: read "${field}${checkCharacter}", corrected to "${value}${check}" (check digit confirms)`);

  if (checkDigitMatches(asRead, check)) {
    return { value: asRead, passed: true, detail: `${label} check digit ${check} matches`, correction: describe(asRead) };
  }
  if (mode === "alphanumeric") {
    const best: { value: string; swaps: number }[] = [];
    for (const variant of confusionVariants(field)) {
      if (best.length > 0 && variant.swaps > best[0]!.swaps) break;
      if (checkDigitMatches(variant.value, check)) best.push(variant);
    }
    if (best.length === 1) {
      const value = best[0]!.value;
      return { value, passed: true, detail: `${label} check digit ${check} matches after OCR correction`, correction: describe(value) };
    }
  }
  const expected = computeCheckDigit(asRead);
  return {
    value: field,
    passed: false,
    detail: `${label} check digit is ${checkCharacter} but "${field}" computes ${expected ?? "no valid digit"}`,
    correction: null,
  };
}
