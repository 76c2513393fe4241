import { describe, expect, it } from "vitest";
import { matchStreet } from "./match-street";
import { normaliseStreet, parseStreet } from "./normalise-street";

describe("parseStreet / normaliseStreet", () => {
  it("takes a US street line apart", () => {
    expect(parseStreet("123 N. Main Street, Apt 4B")).toEqual({
      houseNumber: "123",
      name: "main",
      streetType: "st",
      directions: ["n"],
      unit: "4b",
    });
  });

  it.each([
    ["123 Main Street", "123 main st"],
    ["123 MAIN ST", "123 main st"],
    ["500 Fifth Avenue", "500 5th ave"],
    ["1 Infinite Loop", "1 infinite loop"],
    ["77 Sunset Blvd. Suite 200", "77 sunset blvd unit 200"],
    ["77 Sunset Boulevard #200", "77 sunset blvd unit 200"],
    ["9 Elm Pkwy SW", "9 sw elm pkwy"],
    ["Hauptstraße 5", "5 hauptstr"],
    ["  ", null],
  ])("normalises %j to %j", (value, expected) => {
    expect(normaliseStreet(value)).toBe(expected);
  });
});

describe("matchStreet", () => {
  it("matches 123 Main Street to 123 MAIN ST", () => {
    expect(matchStreet("123 Main Street", "123 MAIN ST")).toEqual({
      outcome: "MATCH",
      score: 1,
      reason: "Match after standardising abbreviations, case and punctuation",
    });
  });

  it.each([
    ["456 North Oak Avenue", "456 N OAK AVE"],
    ["12 Park Lane", "12 PARK LN"],
    ["3 Harbour Court", "3 HARBOUR CT"],
    ["8 Ocean Highway", "8 OCEAN HWY"],
    ["1 Market Place", "1 MARKET PL"],
    ["10 Lake Drive", "10 LAKE DR"],
    ["200 Bay Road", "200 BAY RD"],
    ["Müllerstraße 12", "MUELLERSTR. 12"],
    ["Müllerstraße 12", "MULLERSTRASSE 12"],
  ])("expands abbreviations: %s = %s", (directory, evidence) => {
    expect(matchStreet(directory, evidence).outcome).toBe("MATCH");
  });

  it("treats APT, # and SUITE as the same unit designator", () => {
    expect(matchStreet("77 Sunset Blvd Apt 200", "77 SUNSET BLVD #200").outcome).toBe("MATCH");
    expect(matchStreet("77 Sunset Blvd Suite 200", "77 SUNSET BLVD UNIT 200").outcome).toBe("MATCH");
  });

  it("notes a unit present on one side only", () => {
    expect(matchStreet("123 Main St Apt 4", "123 MAIN ST")).toEqual({
      outcome: "MATCH",
      score: 1,
      reason: "Match after standardising abbreviations, case and punctuation; unit 4 only in the directory",
    });
  });

  it.each([
    ["123 Main St", "124 MAIN ST", "The house number differs (123 vs 124)"],
    ["123 Main St", "123 MAIN AVE", "The street type differs (ST vs AVE)"],
    ["123 N Main St", "123 S MAIN ST", "The direction differs (N vs S)"],
    ["123 Main St Apt 4", "123 MAIN ST APT 5", "The unit differs (4 vs 5)"],
    ["123 Main St", "MAIN ST", "The house number is only in the directory"],
  ])("refuses %s vs %s: %s", (directory, evidence, reason) => {
    expect(matchStreet(directory, evidence)).toEqual({ outcome: "MISMATCH", score: 0, reason });
  });

  it("tolerates a small typo in the street name only", () => {
    const typo = matchStreet("123 Main St", "123 MIAN ST");
    expect(typo.outcome).toBe("MATCH");
    expect(typo.reason).toMatch(/^Close match \(0\.92\)/);
    const other = matchStreet("123 Oak St", "123 ELM ST");
    expect(other.outcome).toBe("MISMATCH");
    expect(other.reason).toMatch(/^Different street name 'oak' vs 'elm'/);
  });

  it("says Exact match for identical lines", () => {
    expect(matchStreet("123 Main St", "123 Main St").reason).toBe("Exact match");
  });
});
