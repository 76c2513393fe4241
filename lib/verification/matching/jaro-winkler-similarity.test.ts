import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jaroWinklerSimilarity } from "./jaro-winkler-similarity";

describe("jaroWinklerSimilarity", () => {
  it.each([
    ["martha", "marhta", 0.961],
    ["dwayne", "duane", 0.84],
    ["dixon", "dicksonx", 0.813],
    ["maria", "mario", 0.92],
    ["jon", "john", 0.933],
    ["mohammed", "mohamed", 0.975],
    ["abc", "xyz", 0],
  ])("scores %s / %s as the published value %d", (a, b, expected) => {
    expect(jaroWinklerSimilarity(a, b)).toBeCloseTo(expected, 3);
  });

  it("gives the same answer however often and in whatever order it is asked (cmpstr did not)", () => {
    const first = jaroWinklerSimilarity("mohammed", "mohamed");
    for (const [a, b] of [["daniel", "daniela"], ["a", "abcdefgh"], ["springfield", "springfeld"]] as const) jaroWinklerSimilarity(a, b);
    expect(jaroWinklerSimilarity("mohammed", "mohamed")).toBe(first);
  });

  it("is 1 for equal strings, 0 against the empty string", () => {
    expect(jaroWinklerSimilarity("", "")).toBe(1);
    expect(jaroWinklerSimilarity("anna", "")).toBe(0);
  });

  it("is symmetric, bounded to [0, 1], and 1 exactly on equal strings (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const score = jaroWinklerSimilarity(a, b);
        expect(score).toBe(jaroWinklerSimilarity(b, a));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(jaroWinklerSimilarity(a, a)).toBe(1);
        if (a !== b) expect(score).toBeLessThan(1);
      }),
    );
  });
});
