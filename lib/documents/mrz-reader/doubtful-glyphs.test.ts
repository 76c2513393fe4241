import { describe, expect, it } from "vitest";
import type { GlyphReading } from "./classify-glyph";
import { doubtfulNameGlyphs, numberReadDoubt } from "./doubtful-glyphs";
import type { MrzZoneReading } from "./read-mrz-zone";

const LINES = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];

const sure = (character: string): GlyphReading => ({ character, score: 0.95, runnerUp: 0.6, alternative: "<", ranked: [] });
const tie = (character: string, alternative: string): GlyphReading => ({ character, score: 0.91, runnerUp: 0.905, alternative, ranked: [] });

/** A TD3 zone read with certainty everywhere except the given [line, column] cells. */
function zone(ties: [line: number, column: number, alternative: string][] = []): MrzZoneReading {
  const glyphs = LINES.map((line, row) =>
    [...line].map((character, column) => {
      const doubt = ties.find(([tieRow, tieColumn]) => tieRow === row && tieColumn === column);
      return doubt ? tie(character, doubt[2]) : sure(character);
    }),
  );
  return { format: "TD3", lines: LINES, glyphs, meanScore: 0.95, angle: 0 };
}

describe("numberReadDoubt", () => {
  it("takes a number read with certainty", () => {
    expect(numberReadDoubt(zone())).toBeNull();
  });

  it("takes one near tie the check digit decides (8 against B: values 8 and 11)", () => {
    expect(numberReadDoubt(zone([[1, 1, "B"]]))).toBeNull();
  });

  it("doubts one near tie the check digit cannot decide (8 against S: values 8 and 28)", () => {
    expect(numberReadDoubt(zone([[1, 1, "S"]]))).toMatch(/character 2 of line 2 read as "8" but could be "S"/);
  });

  it("doubts two near ties, which can cancel out in the check digit", () => {
    expect(numberReadDoubt(zone([[1, 1, "B"], [1, 4, "B"]]))).toMatch(/character 2 .*; character 5 /);
  });

  it("counts the check digit itself as part of the number", () => {
    expect(numberReadDoubt(zone([[1, 9, "5"], [1, 0, "I"]]))).not.toBeNull();
  });

  it("ignores near ties outside the number (the name has its own check)", () => {
    expect(numberReadDoubt(zone([[0, 6, "F"], [1, 30, "Z"]]))).toBeNull();
  });
});

describe("doubtfulNameGlyphs", () => {
  it("names each name character that was a near tie, counting from the start of the name field", () => {
    expect(doubtfulNameGlyphs(zone([[0, 5, "F"], [1, 1, "B"]]))).toEqual(['name character 1 read as "E" but could be "F"']);
  });

  it("doubts a weak match however far ahead of the next letter", () => {
    const weak = zone();
    weak.glyphs[0]![7] = { character: "I", score: 0.4, runnerUp: 0.1, alternative: "T", ranked: [] };
    expect(doubtfulNameGlyphs(weak)).toEqual(['name character 3 read as "I" but could be "T"']);
  });
});
