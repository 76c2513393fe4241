import { describe, expect, it } from "vitest";
import { CLAIM_NAMES, type ClaimValues } from "./claim-types";
import { matchClaims } from "./match-claims";

const directory: ClaimValues = {
  firstName: "José",
  lastName: "García Márquez",
  dateOfBirth: "1985-07-14",
  street: "123 Main Street Apt 4",
  city: "San Francisco",
  state: "California",
  postalCode: "94103",
  country: "United States",
  email: "Jose.Garcia@example.com",
  mobilePhone: "+1 (415) 555-0100",
};

// As read from an AAMVA PDF417 driver's licence (DCS/DAC/DBB/DAG/DAI/DAJ/DAK/DCG) plus typed contact details.
const licence: ClaimValues = {
  dateOfBirth: "1985-07-14",
  street: "123 MAIN ST APT 4",
  city: "SAN FRANCISCO",
  state: "CA",
  postalCode: "941030000",
  country: "USA",
  email: "jose.garcia@example.com",
  mobilePhone: "4155550100",
};

describe("matchClaims", () => {
  it("matches a full AAMVA profile claim by claim, in the requested order", () => {
    const results = matchClaims({
      directory,
      evidence: licence,
      claims: CLAIM_NAMES,
      evidenceName: { surname: "GARCIA MARQUEZ", givenNames: "JOSE LUIS" },
    });
    expect(results.map((result) => result.claim)).toEqual([...CLAIM_NAMES]);
    expect(results.filter((result) => result.outcome !== "MATCH")).toEqual([]);
    expect(results.find((result) => result.claim === "firstName")?.reason).toBe("Match: document also lists 'luis'");
    expect(results.find((result) => result.claim === "postalCode")?.reason).toBe("Postal code 94103 matches 941030000 (ZIP+4)");
  });

  it("returns only the requested claims", () => {
    const results = matchClaims({ directory, evidence: licence, claims: ["email", "dateOfBirth"] });
    expect(results.map((result) => result.claim)).toEqual(["email", "dateOfBirth"]);
  });

  it("reports missing values on either side with a null score", () => {
    const results = matchClaims({
      directory: { firstName: "Anna", city: null, email: "  " },
      evidence: { city: "Berlin", email: "anna@example.com" },
      claims: ["firstName", "city", "email", "mobilePhone"],
    });
    expect(results).toEqual([
      { claim: "firstName", outcome: "MISSING_IN_EVIDENCE", score: null, reason: "The evidence has no first name" },
      { claim: "city", outcome: "MISSING_IN_DIRECTORY", score: null, reason: "The directory has no city" },
      { claim: "email", outcome: "MISSING_IN_DIRECTORY", score: null, reason: "The directory has no e-mail address" },
      { claim: "mobilePhone", outcome: "MISSING_IN_DIRECTORY", score: null, reason: "The directory has no mobile phone" },
    ]);
  });

  it("uses evidence.firstName/lastName when no evidenceName is given, still spotting swaps", () => {
    const results = matchClaims({
      directory: { firstName: "Anna", lastName: "Schmidt" },
      evidence: { firstName: "Schmidt", lastName: "Anna" },
      claims: ["firstName", "lastName"],
    });
    expect(results.map((result) => result.outcome)).toEqual(["MATCH", "MATCH"]);
    expect(results[0]?.reason).toMatch(/swapped/);
  });

  it("prefers evidenceName over evidence.firstName/lastName", () => {
    const [firstName] = matchClaims({
      directory: { firstName: "Anna", lastName: "Schmidt" },
      evidence: { firstName: "Someone", lastName: "Else" },
      evidenceName: { givenNames: "ANNA", surname: "SCHMIDT" },
      claims: ["firstName"],
    });
    expect(firstName?.outcome).toBe("MATCH");
  });

  it("reads national phone numbers and postal codes under the directory's country, else the evidence's", () => {
    const german = matchClaims({
      directory: { mobilePhone: "0151 23456789", postalCode: "10115", country: "Deutschland" },
      evidence: { mobilePhone: "+49 151 23456789", postalCode: "10115", country: "D" },
      claims: ["mobilePhone", "postalCode", "country"],
    });
    expect(german.map((result) => result.outcome)).toEqual(["MATCH", "MATCH", "MATCH"]);
    const fromEvidence = matchClaims({
      directory: { mobilePhone: "(415) 555-0100" },
      evidence: { mobilePhone: "+14155550100", country: "USA" },
      claims: ["mobilePhone"],
    });
    expect(fromEvidence[0]?.outcome).toBe("MATCH");
  });

  it("matches an MRZ-read German passport holder", () => {
    const results = matchClaims({
      directory: { firstName: "Hans-Peter", lastName: "Müller", dateOfBirth: "1970-03-01", country: "Germany" },
      evidence: { dateOfBirth: "1970-03-01", country: "D" },
      evidenceName: { surname: "MUELLER", givenNames: "HANS PETER" },
      claims: ["firstName", "lastName", "dateOfBirth", "country"],
    });
    expect(results.map((result) => result.outcome)).toEqual(["MATCH", "MATCH", "MATCH", "MATCH"]);
  });

  it("rejects malformed input at the boundary", () => {
    expect(() => matchClaims({ directory: {}, evidence: {}, claims: ["shoeSize" as never] })).toThrow();
    expect(() => matchClaims({ directory: { city: "x".repeat(600) }, evidence: {}, claims: ["city"] })).toThrow();
  });
});
