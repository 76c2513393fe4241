import { describe, expect, it } from "vitest";
import { matchDateOfBirth, matchEmail, matchPhone } from "./match-contact-claims";
import { normaliseDate } from "./normalise-date";
import { normalisePhone } from "./normalise-phone";

describe("e-mail", () => {
  it("ignores case and surrounding spaces, nothing else", () => {
    expect(matchEmail("Anna.Smith@Example.com", " anna.smith@example.COM ")).toEqual({ outcome: "MATCH", score: 1, reason: "Match ignoring case" });
    expect(matchEmail("anna@example.com", "anna@example.com").reason).toBe("Exact match");
    expect(matchEmail("anna@example.com", "anna@examp1e.com")).toEqual({ outcome: "MISMATCH", score: 0, reason: "Different e-mail address" });
  });
});

describe("phones", () => {
  it("reads national numbers in the directory's country", () => {
    expect(normalisePhone("+1 (415) 555-0100")).toBe("+14155550100");
    expect(normalisePhone("4155550100", "US")).toBe("+14155550100");
    expect(normalisePhone("0151 23456789", "DE")).toBe("+4915123456789");
    expect(normalisePhone("0049 151 23456789", "DE")).toBe("+4915123456789");
    expect(normalisePhone("4155550100")).toBeNull();
    expect(normalisePhone("12", "US")).toBeNull();
    expect(normalisePhone("4155550100", "not-a-country")).toBeNull();
  });

  it("matches +1 (415) 555-0100 and 4155550100 with a US default", () => {
    expect(matchPhone("+1 (415) 555-0100", "4155550100", "US")).toEqual({
      outcome: "MATCH",
      score: 1,
      reason: "Same number +14155550100 in different formats",
    });
  });

  it("refuses different and unreadable numbers", () => {
    expect(matchPhone("+1 415 555 0100", "+1 415 555 0101", "US").reason).toBe("Different phone number: +14155550100 vs +14155550101");
    expect(matchPhone("+1 415 555 0100", "call me", "US").reason).toBe("The evidence's phone 'call me' is not a valid phone number");
    expect(matchPhone("4155550100", "+14155550100", null).outcome).toBe("MISMATCH");
  });
});

describe("dates of birth", () => {
  it.each(["1990-01-31", "2000-02-29", "1904-02-29"])("accepts the real date %s", (value) => {
    expect(normaliseDate(value)).toBe(value);
  });

  it.each(["1990-02-30", "1900-02-29", "2001-02-29", "1990-13-01", "1990-00-10", "1990-04-31", "90-01-01", "01/02/1990", "1990-1-2", "0099-01-01", ""])(
    "rejects %j",
    (value) => {
      expect(normaliseDate(value)).toBeNull();
    },
  );

  it("matches equal dates and explains impossible ones", () => {
    expect(matchDateOfBirth("1990-01-02", " 1990-01-02 ")).toEqual({ outcome: "MATCH", score: 1, reason: "Exact match" });
    expect(matchDateOfBirth("1990-01-02", "1990-02-01").reason).toBe("Different date of birth: 1990-01-02 vs 1990-02-01");
    expect(matchDateOfBirth("1990-02-30", "1990-02-30")).toEqual({
      outcome: "MISMATCH",
      score: 0,
      reason: "The directory's date of birth '1990-02-30' is not a valid YYYY-MM-DD date",
    });
    expect(matchDateOfBirth("1990-03-02", "1990-02-31").reason).toBe("The evidence's date of birth '1990-02-31' is not a valid YYYY-MM-DD date");
  });
});
