import { describe, expect, it } from "vitest";
import { buildSearchTerms, escapeLike, MAX_SEARCH_WORDS } from "@/lib/directory/search/build-search-terms";

describe("buildSearchTerms", () => {
  it("splits words, drops those without a letter or digit, and adds the ae/oe/ue -> a/o/u spelling", () => {
    expect(buildSearchTerms("Mueller  % hans").words).toEqual([["Mueller", "Muller"], ["hans"]]);
    expect(buildSearchTerms("’ -- __").words).toEqual([]);
    expect(buildSearchTerms("jose.obrien@contoso.com @contoso").words).toEqual([["jose.obrien"]]);
    expect(buildSearchTerms("a b c d e f g h").words).toHaveLength(MAX_SEARCH_WORDS);
  });

  it("reads phone fragments on their digits only when the query has no letters", () => {
    expect(buildSearchTerms("+1 (415) 555-0100").phoneDigits).toBe("14155550100");
    expect(buildSearchTerms("555 0100").phoneDigits).toBe("5550100");
    expect(buildSearchTerms("555").phoneDigits).toBeNull();
    expect(buildSearchTerms("E100123").phoneDigits).toBeNull();
  });

  it("marks single tokens with a digit or . @ _ as identifiers, and enables typo tolerance for other queries from four characters", () => {
    expect(buildSearchTerms("jose.obrien@contoso.com")).toMatchObject({ identifierLike: true, fuzzy: false });
    expect(buildSearchTerms("jose obrien").fuzzy).toBe(true);
    expect(buildSearchTerms("E100123").identifierLike).toBe(true);
    expect(buildSearchTerms("jose obrien").identifierLike).toBe(false);
    expect(buildSearchTerms("jos").fuzzy).toBe(false);
    expect(buildSearchTerms("4155550100").fuzzy).toBe(false);
  });
});

describe("escapeLike", () => {
  it("escapes the wildcards and the escape character", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});
