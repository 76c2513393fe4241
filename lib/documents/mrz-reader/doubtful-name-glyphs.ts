import type { MrzZoneReading } from "./read-mrz-zone";

/** Below this match, or this close to another letter, a name character is a guess: no check digit covers names. */
const WEAK_MATCH = 0.5;
const CLOSE_CALL = 0.03;

/**
 * Name characters the template reader could not tell apart from another one, as doubts for parseMrz's
 * "name read" check (the decision then matches names against the directory rather than trusting them).
 */
export function doubtfulNameGlyphs(zone: MrzZoneReading): string[] {
  const [line, start] = zone.format === "TD1" ? [2, 0] : [0, 5];
  return (zone.glyphs[line] ?? [])
    .slice(start)
    .flatMap((glyph, index) =>
      glyph.score < WEAK_MATCH || glyph.score - glyph.runnerUp < CLOSE_CALL ? [`name character ${index + 1} read as "${glyph.character}" but could be "${glyph.alternative}"`] : [],
    );
}
