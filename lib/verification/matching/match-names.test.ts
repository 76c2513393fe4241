import { describe, expect, it } from "vitest";
import { matchNames } from "./match-names";

function names(directory: [string, string], evidence: { givenNames: string; surname: string }) {
  return matchNames({
    directoryFirstName: directory[0],
    directoryLastName: directory[1],
    evidenceGivenNames: evidence.givenNames,
    evidenceSurname: evidence.surname,
  });
}

describe("matchNames", () => {
  it("matches José Müller to the MRZ spelling JOSE MUELLER", () => {
    const result = names(["José", "Müller"], { givenNames: "JOSE", surname: "MUELLER" });
    expect(result.firstName).toMatchObject({ outcome: "MATCH", score: 1, reason: "Match: case and diacritics differ" });
    expect(result.lastName).toMatchObject({ outcome: "MATCH", score: 1 });
    expect(result.lastName.reason).toContain("transliteration");
  });

  it.each([
    ["Müller", "MULLER"],
    ["Mueller", "MUELLER"],
    ["Groß", "GROSS"],
    ["Øst", "OEST"],
    ["Åsa", "AASA"],
    ["Þórsdóttir", "THORSDOTTIR"],
  ])("treats %s and %s as the same surname", (directory, evidence) => {
    expect(names(["Anna", directory], { givenNames: "ANNA", surname: evidence }).lastName.outcome).toBe("MATCH");
  });

  it("does not equate Mueller and MULLER when neither side has an umlaut (0.92 is below the threshold)", () => {
    expect(names(["Anna", "Mueller"], { givenNames: "ANNA", surname: "MULLER" }).lastName.outcome).toBe("MISMATCH");
  });

  it("ignores apostrophes and hyphens: O'Brien = OBRIEN, Smith-Jones = SMITH JONES = SMITHJONES", () => {
    expect(names(["Sean", "O'Brien"], { givenNames: "SEAN", surname: "OBRIEN" }).lastName).toMatchObject({
      outcome: "MATCH",
      reason: "Match: case and punctuation differ",
    });
    expect(names(["Sean", "O’Brien"], { givenNames: "SEAN", surname: "O'BRIEN" }).lastName.outcome).toBe("MATCH");
    expect(names(["Anna", "Smith-Jones"], { givenNames: "ANNA", surname: "SMITH JONES" }).lastName.outcome).toBe("MATCH");
    expect(names(["Anna", "Smith-Jones"], { givenNames: "ANNA", surname: "SMITHJONES" }).lastName).toMatchObject({
      outcome: "MATCH",
      reason: "Match: written with different spacing or hyphens",
    });
  });

  it("accepts additional given names and surnames on the document", () => {
    const result = names(["Hans", "García"], { givenNames: "HANS PETER", surname: "GARCIA MARQUEZ" });
    expect(result.firstName).toMatchObject({ outcome: "MATCH", reason: "Match: document also lists 'peter'" });
    expect(result.lastName).toMatchObject({ outcome: "MATCH", reason: "Match: document also lists 'marquez'" });
  });

  it("matches García Márquez to GARCIA MARQUEZ and, noting the order, to MARQUEZ GARCIA", () => {
    expect(names(["Gabriel", "García Márquez"], { givenNames: "GABRIEL", surname: "GARCIA MARQUEZ" }).lastName).toMatchObject({
      outcome: "MATCH",
      score: 1,
    });
    expect(names(["Gabriel", "García Márquez"], { givenNames: "GABRIEL", surname: "MARQUEZ GARCIA" }).lastName).toMatchObject({
      outcome: "MATCH",
      reason: "Match: names are in a different order",
    });
  });

  it("does not let a shared particle (van, de) confirm a surname on its own", () => {
    expect(names(["Anna", "van der Berg"], { givenNames: "ANNA", surname: "VAN" }).lastName.outcome).toBe("MISMATCH");
    expect(names(["Anna", "van der Berg"], { givenNames: "ANNA", surname: "BERG" }).lastName.outcome).toBe("MATCH");
    expect(names(["Anna", "van der Berg"], { givenNames: "ANNA", surname: "VAN DEN BERG" }).lastName.outcome).toBe("MISMATCH");
    expect(names(["Anna", "de la Cruz"], { givenNames: "ANNA", surname: "DELACRUZ" }).lastName.outcome).toBe("MATCH");
  });

  it("reports swapped surname and given name as a match with the swap in the reason", () => {
    const result = names(["Wei", "Zhang"], { givenNames: "ZHANG", surname: "WEI" });
    expect(result.firstName).toMatchObject({ outcome: "MATCH", reason: "Surname and given name appear swapped (case differs)" });
    expect(result.lastName.reason).toMatch(/^Surname and given name appear swapped/);
  });

  it("recognises a full name split at a different place", () => {
    const result = names(["María", "Delacruz"], { givenNames: "MARIA DE", surname: "LA CRUZ" });
    expect(result.firstName).toMatchObject({ outcome: "MATCH", score: 1 });
    expect(result.firstName.reason).toMatch(/^Same full name, split differently between given names and surname/);
    expect(result.lastName.outcome).toBe("MATCH");
  });

  it("hints when a field matches the other document field only", () => {
    const result = names(["Smith", "Smith"], { givenNames: "JOHN", surname: "SMITH" });
    expect(result.firstName).toMatchObject({ outcome: "MISMATCH" });
    expect(result.firstName.reason).toMatch(/^Matches the document's surname instead/);
  });

  it("accepts a middle initial next to a full name, but never an initial alone", () => {
    expect(names(["John A", "Smith"], { givenNames: "JOHN ALBERT", surname: "SMITH" }).firstName).toMatchObject({
      outcome: "MATCH",
      reason: "Match: initial 'a' fits 'albert'",
    });
    expect(names(["John", "Smith"], { givenNames: "J", surname: "SMITH" }).firstName).toMatchObject({
      outcome: "MISMATCH",
      reason: "Only initials agree, which does not confirm a name",
    });
    expect(names(["J", "Smith"], { givenNames: "JOHN", surname: "SMITH" }).firstName.outcome).toBe("MISMATCH");
  });

  it.each([
    ["Jon", "JOHN"],
    ["Maria", "MARIO"],
    ["Christina", "CHRISTINE"],
    ["Jonathan", "JONATHON"],
    ["Daniel", "DANIELA"],
    ["Paul", "PAULA"],
    ["Steven", "STEPHEN"],
  ])("keeps close but different given names apart: %s vs %s", (directory, evidence) => {
    const result = names([directory, "Smith"], { givenNames: evidence, surname: "SMITH" }).firstName;
    expect(result.outcome).toBe("MISMATCH");
    expect(result.score).toBeLessThan(1);
  });

  it("explains why Daniel/Daniela fails although its score is above the threshold", () => {
    const result = names(["Daniel", "Smith"], { givenNames: "DANIELA", surname: "SMITH" }).firstName;
    expect(result.score).toBeGreaterThan(0.97);
    expect(result.reason).toContain("only adds letters at the end");
  });

  it("lets a spelling variant above the threshold through as a close match", () => {
    const result = names(["Mohammed", "Ali"], { givenNames: "MOHAMED", surname: "ALI" }).firstName;
    expect(result.outcome).toBe("MATCH");
    expect(result.score).toBeCloseTo(0.975, 3);
    expect(result.reason).toBe("Close match (0.97): spelling differs, 'mohammed' vs 'mohamed'");
  });

  it("reports missing values per field", () => {
    const result = matchNames({ directoryFirstName: "Anna", directoryLastName: " ", evidenceGivenNames: null, evidenceSurname: "X" });
    expect(result.firstName).toMatchObject({ outcome: "MISSING_IN_EVIDENCE", score: null });
    expect(result.lastName).toMatchObject({ outcome: "MISSING_IN_DIRECTORY", score: null });
  });

  it("says Exact match for identical values", () => {
    expect(names(["Anna", "Smith"], { givenNames: "Anna", surname: "Smith" }).firstName.reason).toBe("Exact match");
  });
});
