import { describe, expect, it } from "vitest";
import { oneSlipAway } from "@/lib/directory/search/correct-typo-words";

describe("oneSlipAway", () => {
  it("holds every word one letter dropped, added, changed or two neighbours swapped away, and not the word itself", () => {
    const variants = oneSlipAway("johnosn");
    for (const meant of ["johnson", "johnon", "johnsosn", "jahnosn", "ohnosn"]) expect(variants, meant).toContain(meant);
    expect(variants).not.toContain("johnosn");
    expect(variants).not.toContain("johnsno");
    expect(oneSlipAway("ab").sort()).toEqual(expect.arrayContaining(["a", "b", "ba", "aab", "abz"]));
  });

  it("stays small: about 54 words per letter", () => {
    expect(oneSlipAway("washingtno").length).toBeLessThan(54 * 10 + 26);
    expect(new Set(oneSlipAway("garcia")).size).toBe(oneSlipAway("garcia").length);
  });
});
