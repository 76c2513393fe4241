/** ICAO 9303 Part 3 §4.9: character values 0-9 → 0-9, A-Z → 10-35, filler "<" → 0. */
export function valueOfMrzCharacter(character: string): number | null {
  if (character === "<") return 0;
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return null;
}

const WEIGHTS = [7, 3, 1] as const;

/**
 * The ICAO 9303 check digit (weights 7-3-1 repeating, sum modulo 10) of an MRZ field.
 * Returns null when the field holds a character the MRZ alphabet does not have, so callers
 * cannot mistake garbage for a verified value.
 */
export function computeCheckDigit(field: string): number | null {
  let sum = 0;
  for (let index = 0; index < field.length; index++) {
    const value = valueOfMrzCharacter(field.charAt(index));
    if (value === null) return null;
    sum += value * WEIGHTS[index % 3]!;
  }
  return sum % 10;
}
