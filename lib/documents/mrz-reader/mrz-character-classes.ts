import type { MrzFormat } from "../parse-mrz";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
/** ICAO 9303 Part 3 §4.3: what each field may hold. Fillers pad every variable-length field. */
const CLASS = {
  alpha: `${LETTERS}<`,
  numeric: DIGITS,
  numericOrFiller: `${DIGITS}<`,
  alphanumeric: `${LETTERS}${DIGITS}<`,
  sex: "MFX<",
} as const;

type Field = [length: number, characters: keyof typeof CLASS];

/** Fields of each line, in order; their lengths add up to the line length. */
const LAYOUT: Record<MrzFormat, Field[][]> = {
  TD1: [
    [[2, "alpha"], [3, "alpha"], [9, "alphanumeric"], [1, "numericOrFiller"], [15, "alphanumeric"]],
    [[6, "numeric"], [1, "numeric"], [1, "sex"], [6, "numeric"], [1, "numeric"], [3, "alpha"], [11, "alphanumeric"], [1, "numeric"]],
    [[30, "alpha"]],
  ],
  TD2: [
    [[2, "alpha"], [3, "alpha"], [31, "alpha"]],
    [[9, "alphanumeric"], [1, "numericOrFiller"], [3, "alpha"], [6, "numeric"], [1, "numeric"], [1, "sex"], [6, "numeric"], [1, "numeric"], [7, "alphanumeric"], [1, "numeric"]],
  ],
  TD3: [
    [[2, "alpha"], [3, "alpha"], [39, "alpha"]],
    [[9, "alphanumeric"], [1, "numeric"], [3, "alpha"], [6, "numeric"], [1, "numeric"], [1, "sex"], [6, "numeric"], [1, "numeric"], [14, "alphanumeric"], [1, "numericOrFiller"], [1, "numeric"]],
  ],
};

/**
 * The characters allowed at each position of each line of a format. Reading a digit-only field as digits is
 * the one correction the ICAO layout makes certain; alphanumeric fields (document number, optional data)
 * keep every character, so a misread there fails its check digit instead of turning into another value.
 */
export function mrzCharacterClasses(format: MrzFormat): string[][] {
  return LAYOUT[format].map((fields) => fields.flatMap(([length, kind]) => Array.from({ length }, () => CLASS[kind])));
}
