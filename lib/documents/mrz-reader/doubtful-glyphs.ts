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

/**
 * Document number characters the reader could not tell from another one. Two misreads can cancel out in
 * a check digit (0→O and 1→T did in a trial), so a number with any such character is not taken as read,
 * whatever its check digit says.
 */
export function doubtfulNumberGlyphs(zone: MrzZoneReading): string[] {
  return numberCells(zone).flatMap(([line, from, to]) =>
    (zone.glyphs[line] ?? []).slice(from, to).flatMap((glyph, index) => (isDoubtful(glyph, NUMBER_CLOSE_CALL) ? [`character ${from + index + 1} of line ${line + 1} read as "${glyph.character}" but could be "${glyph.alternative}"`] : [])),
  );
}
