import { describe, expect, it } from "vitest";
import { matchCity } from "./match-city";
import { matchCountry } from "./match-country";
import { matchPostalCode } from "./match-postal-code";
import { matchState } from "./match-state";
import { normaliseCountry } from "./normalise-country";
import { normalisePostalCode } from "./normalise-postal-code";
import { findRegion, normaliseState } from "./normalise-state";

describe("cities", () => {
  it.each([
    ["San Francisco", "SAN FRANCISCO", "Match: case differs"],
    ["München", "MUENCHEN", "Match: case and transliteration (e.g. ü = ue) differ"],
    ["Zürich", "ZURICH", "Match: case and diacritics differ"],
    ["St. Louis", "SAINT LOUIS", "Match: abbreviations differ (e.g. St = Saint)"],
    ["Fort Worth", "FT WORTH", "Match: abbreviations differ (e.g. St = Saint)"],
    ["Winston-Salem", "WINSTON SALEM", "Match: case and punctuation differ"],
  ])("matches %s and %s", (directory, evidence, reason) => {
    expect(matchCity(directory, evidence)).toEqual({ outcome: "MATCH", score: 1, reason });
  });

  it("accepts a typo above 0.94 and refuses different cities", () => {
    expect(matchCity("Springfield", "SPRINGFELD").outcome).toBe("MATCH");
    expect(matchCity("San Jose", "SAN JUAN").outcome).toBe("MISMATCH");
    expect(matchCity("Newark", "NEW YORK").outcome).toBe("MISMATCH");
    expect(matchCity("Portland", "PORTAGE").reason).toMatch(/^Different city \(0\.\d\d, a match needs 0\.94\)$/);
  });
});

describe("states and provinces", () => {
  it.each([
    ["CA", "California"],
    ["California", "CA"],
    ["ny", "New York"],
    ["N.Y.", "NY"],
    ["Washington DC", "DC"],
    ["Québec", "QC"],
    ["PQ", "Quebec"],
    ["British Columbia", "BC"],
    ["Bayern", "BAYERN"],
  ])("matches %s and %s", (directory, evidence) => {
    expect(matchState(directory, evidence).outcome).toBe("MATCH");
  });

  it("explains a match and a mismatch in full names", () => {
    expect(matchState("California", "CA").reason).toBe("Both name California (CA)");
    expect(matchState("Washington", "DC").reason).toBe("Different state or province: Washington (WA) vs District of Columbia (DC)");
  });

  it("finds regions with their country", () => {
    expect(findRegion("ontario")).toEqual({ code: "ON", name: "Ontario", country: "CA" });
    expect(findRegion("Texas")?.country).toBe("US");
    expect(normaliseState("Nordrhein-Westfalen")).toBe("nordrhein westfalen");
    expect(normaliseState(" ")).toBeNull();
  });
});

describe("countries", () => {
  it.each([
    ["United States", "US"],
    ["United States of America", "US"],
    ["USA", "US"],
    ["U.S.", "US"],
    ["us", "US"],
    ["Deutschland", "DE"],
    ["Germany", "DE"],
    ["DEU", "DE"],
    ["D", "DE"],
    ["GBD", "GB"],
    ["UK", "GB"],
    ["England", "GB"],
    ["CAN", "CA"],
    ["Côte d'Ivoire", "CI"],
    ["Allemagne", "DE"],
    ["RKS", "XK"],
  ])("reads %s as %s", (value, alpha2) => {
    expect(normaliseCountry(value)).toBe(alpha2);
  });

  it.each(["XXA", "UNO", "Atlantis", "", "ZZ"])("does not read %j as a country", (value) => {
    expect(normaliseCountry(value)).toBeNull();
  });

  it("matches USA, United States and US, and refuses different or unknown countries", () => {
    expect(matchCountry("United States", "USA")).toEqual({ outcome: "MATCH", score: 1, reason: "Same country (US): 'United States' vs 'USA'" });
    expect(matchCountry("US", "United States").outcome).toBe("MATCH");
    expect(matchCountry("Deutschland", "D").outcome).toBe("MATCH");
    expect(matchCountry("Canada", "USA")).toEqual({ outcome: "MISMATCH", score: 0, reason: "Different country: CA vs US" });
    expect(matchCountry("Atlantis", "USA").reason).toBe("The directory's country 'Atlantis' is not a recognised country");
  });
});

describe("postal codes", () => {
  it.each([
    ["94103", "941030000", "US", "Postal code 94103 matches 941030000 (ZIP+4)"],
    ["94103", "94103-1234", "US", "Postal code 94103 matches 94103-1234 (ZIP+4)"],
    ["94103-1234", "941031234", null, "Postal code 94103-1234 matches 941031234 (ZIP+4)"],
    ["k1a0b1", "K1A 0B1", "CA", "Postal code k1a0b1 matches K1A 0B1 (spacing and case ignored)"],
    ["sw1a1aa", "SW1A 1AA", "GB", "Postal code sw1a1aa matches SW1A 1AA (spacing and case ignored)"],
    ["10115", "10115", "DE", "Exact match"],
  ])("matches %s and %s (%s)", (directory, evidence, country, reason) => {
    expect(matchPostalCode(directory, evidence, country)).toEqual({ outcome: "MATCH", score: 1, reason });
  });

  it("notes differing ZIP+4 extensions but matches on ZIP5", () => {
    expect(matchPostalCode("94103-1234", "94103-5678", "US").reason).toMatch(/^ZIP 94103 matches; the ZIP\+4 extensions differ \(1234 vs 5678\)/);
  });

  it("refuses different codes", () => {
    expect(matchPostalCode("94103", "94104-0000", "US")).toEqual({ outcome: "MISMATCH", score: 0, reason: "Different postal code: 94103 vs 94104-0000" });
    expect(matchPostalCode("K1A 0B1", "K1A 0B2", "CA").outcome).toBe("MISMATCH");
    expect(matchPostalCode("1010", "1011", "AT").outcome).toBe("MISMATCH");
  });

  it("writes canonical forms", () => {
    expect(normalisePostalCode("941030000", "US")).toBe("94103");
    expect(normalisePostalCode("94103 1234")).toBe("94103-1234");
    expect(normalisePostalCode("k1a0b1")).toBe("K1A 0B1");
    expect(normalisePostalCode("ec1a1bb", "GB")).toBe("EC1A 1BB");
    expect(normalisePostalCode("NL-1012 AB", "NL")).toBe("NL1012AB");
    expect(normalisePostalCode(" ")).toBeNull();
  });
});
