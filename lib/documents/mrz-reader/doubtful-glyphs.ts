import { valueOfMrzCharacter } from "../compute-check-digit";
import type { GlyphReading } from "./classify-glyph";
import type { MrzZoneReading } from "./read-mrz-zone";

/**
 * Below this match a name character is a guess: no check digit covers names. So is one whose lead over the
 * next letter is under CLOSE_CALL of the way from that letter's score to a perfect match: soft photos raise
 * every score, so a fixed gap would doubt sharp reads of blurred glyphs and trust guesses on noisy ones.
 */
const WEAK_MATCH = 0.5;
const CLOSE_CALL = 0.2;

/**
 * Name characters the template reader could not tell apart from another one, as doubts for parseMrz's
 * "name read" check (the decision then matches names against the directory rather than trusting them).
 */
export function doubtfulNameGlyphs(zone: MrzZoneReading): string[] {
  const [line, start] = zone.format === "TD1" ? [2, 0] : [0, 5];
  return (zone.glyphs[line] ?? [])
    .slice(start)
    .flatMap((glyph, index) => (isDoubtful(glyph) ? [`name character ${index + 1} read as "${glyph.character}" but could be "${glyph.alternative}"`] : []));
}

function isDoubtful(glyph: GlyphReading, closeCall = CLOSE_CALL): boolean {
  return glyph.score < WEAK_MATCH || glyph.score - glyph.runnerUp < closeCall * (1 - glyph.runnerUp);
}

/**
 * Numbers have check digits, so only a near tie is doubted there: on synthetic OCR-B every misread outside
 * thumbnails (4–5 px pitch) was of this kind or broke a check digit, while real print matches its templates
 * less closely and would be doubted glyph by glyph at the names' threshold.
 */
const NUMBER_CLOSE_CALL = 0.1;

/** Where the document number and its check digit are printed: [line, from, to), plus a long number's overflow. */
function numberCells(zone: MrzZoneReading): [number, number, number][] {
  const [line, from, overflowFrom, overflowTo] = zone.format === "TD1" ? [0, 5, 15, 30] : zone.format === "TD2" ? [1, 0, 28, 35] : [1, 0, 28, 28];
  const cells: [number, number, number][] = [[line, from, from + 10]];
  const text = zone.lines[line] ?? "";
  // ICAO 9303 Parts 5 and 6: "<" at the check digit position sends the rest of a long number to the optional data.
  if (overflowTo > overflowFrom && text.charAt(from + 9) === "<") {
    const overflow = /^[A-Z0-9]*/.exec(text.slice(overflowFrom, overflowTo))?.[0].length ?? 0;
    cells.push([line, overflowFrom, overflowFrom + overflow]);
  }
  return cells;
}

interface NumberDoubt {
  detail: string;
  /** The check digit tells the two characters apart: their values differ by other than a multiple of 10. */
  checkDigitDecides: boolean;
}

/**
 * Document number characters the reader could not tell from another one. Check digits weigh positions
 * 7-3-1, all prime to 10, so one swap is always caught unless the two values differ by a multiple of 10
 * (0/A, 6/G, K/<); two swaps can cancel (0→O and 1→T did in a trial).
 */
function numberDoubts(zone: MrzZoneReading): NumberDoubt[] {
  return numberCells(zone).flatMap(([line, from, to]) =>
    (zone.glyphs[line] ?? []).slice(from, to).flatMap((glyph, index) => {
      if (!isDoubtful(glyph, NUMBER_CLOSE_CALL)) return [];
      const difference = (valueOfMrzCharacter(glyph.character) ?? 0) - (valueOfMrzCharacter(glyph.alternative) ?? 0);
      return [{ detail: `character ${from + index + 1} of line ${line + 1} read as "${glyph.character}" but could be "${glyph.alternative}"`, checkDigitDecides: difference % 10 !== 0 }];
    }),
  );
}

/**
 * Why the number is not taken as read, or null: no near tie, or a single one the check digit decides (the
 * number's check digit must then pass, which parseMrz verifies). Never a search for a number that verifies.
 */
export function numberReadDoubt(zone: MrzZoneReading): string | null {
  const doubts = numberDoubts(zone);
  if (doubts.length === 0 || (doubts.length === 1 && doubts[0]!.checkDigitDecides)) return null;
  return doubts.map((doubt) => doubt.detail).join("; ");
}
