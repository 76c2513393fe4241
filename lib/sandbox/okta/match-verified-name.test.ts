import { describe, expect, it } from "vitest";
import { matchVerifiedName, normaliseName } from "@/lib/sandbox/okta/match-verified-name";

const profile = { firstName: "Ana María", lastName: "Strauß" };

describe("matchVerifiedName", () => {
  it("accepts the same names in another case, width or spacing", () => {
    expect(matchVerifiedName({ givenName: "Ana María", familyName: "Strauß" }, profile)).toBe(true);
    expect(matchVerifiedName({ givenName: "  ANA   MARÍA ", familyName: "STRAUSS" }, profile)).toBe(true);
    expect(matchVerifiedName({ givenName: "ＡＮＡ\tmaría", familyName: "strauss" }, profile)).toBe(true);
    // The decomposed "í" (i + combining acute) is the same name once normalised.
    expect(matchVerifiedName({ givenName: "Ana Mari\u0301a", familyName: "Strauß" }, profile)).toBe(true);
  });

  it("refuses other letters, including a dropped diacritic", () => {
    expect(matchVerifiedName({ givenName: "Ana Maria", familyName: "Strauß" }, profile)).toBe(false);
    expect(matchVerifiedName({ givenName: "Ana María", familyName: "Straus" }, profile)).toBe(false);
    expect(matchVerifiedName({ givenName: "Strauß", familyName: "Ana María" }, profile)).toBe(false);
    expect(matchVerifiedName({ givenName: "AnaMaría", familyName: "Strauß" }, profile)).toBe(false);
  });

  it("refuses when either name is missing on either side", () => {
    expect(matchVerifiedName({ givenName: "Ana María", familyName: undefined }, profile)).toBe(false);
    expect(matchVerifiedName({ givenName: undefined, familyName: "Strauß" }, profile)).toBe(false);
    expect(matchVerifiedName({ givenName: "Ana María", familyName: "Strauß" }, { firstName: "Ana María", lastName: null })).toBe(false);
    expect(matchVerifiedName({ givenName: " ", familyName: "Strauß" }, { firstName: " ", lastName: "Strauß" })).toBe(false);
  });

  it("normalises compatibility forms and whitespace", () => {
    expect(normaliseName("ﬁnn\u00a0 O’Brien ")).toBe("finn o’brien");
  });
});
