import { describe, expect, it } from "vitest";
import { computeCheckDigit } from "../../compute-check-digit";
import { parseAamva } from "../../parse-aamva";
import { buildMrz } from "../build-mrz";
import { scoreReading } from "../score-reading";
import { syntheticLicenceTexts } from "./synthetic-aamva";
import { forgeNumberCharacter, namesInMrz } from "./synthetic-mrz";
import { seededRandom, syntheticPeople } from "./synthetic-people";

const people = syntheticPeople(13);

describe("synthetic bench people", () => {
  it("are the same for the same seed and differ for another", () => {
    expect(syntheticPeople(13)).toEqual(people);
    expect(syntheticPeople(14).map((person) => person.identity.dateOfBirth)).not.toEqual(people.map((person) => person.identity.dateOfBirth));
  });

  it("has ten of each MRZ format", () => {
    for (const format of ["TD1", "TD2", "TD3"]) expect(people.filter((person) => person.format === format)).toHaveLength(10);
  });
});

describe("namesInMrz", () => {
  it("takes the names as the MRZ holds them, truncated where the field is full", () => {
    const long = people.find((person) => person.identity.surname.startsWith("Wolfeschlegel"));
    if (!long) throw new Error("fixture missing");
    expect(namesInMrz(buildMrz(long.identity, "TD3"), "TD3")).toEqual({ surname: "WOLFESCHLEGELSTEINHAUSENBERGERDORFF", givenNames: "HU" });
    const td1 = people.find((person) => person.identity.surname === "D'Angelo");
    if (!td1) throw new Error("fixture missing");
    expect(namesInMrz(buildMrz(td1.identity, "TD1"), "TD1")).toEqual({ surname: "D ANGELO", givenNames: "MARCO" });
  });
});

describe("forgeNumberCharacter", () => {
  it("changes exactly one number character, and always one the number's check digit catches", () => {
    const random = seededRandom(1);
    for (const person of people.filter((candidate) => candidate.identity.documentNumber.length <= 9)) {
      const lines = buildMrz(person.identity, person.format, { corruptCheckDigit: null });
      const forged = forgeNumberCharacter(lines, person.format, random);
      const [line, start] = person.format === "TD1" ? [0, 5] : [1, 0];
      const before = lines[line]!.slice(start, start + 9);
      const after = forged[line]!.slice(start, start + 9);
      expect([...before].filter((character, index) => after[index] !== character)).toHaveLength(1);
      expect(String(computeCheckDigit(after))).not.toBe(forged[line]!.charAt(start + 9));
      expect(forged.filter((text, index) => text !== lines[index])).toHaveLength(1);
    }
  });
});

describe("syntheticLicenceTexts", () => {
  it("covers AAMVA versions 1-10 for the USA and Canada, each text labelled with what the parser should find", () => {
    const texts = syntheticLicenceTexts(people);
    expect(texts.map((text) => text.version).sort((a, b) => a - b)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
    for (const text of texts) {
      const record = parseAamva(text.text);
      const read = record ? { ok: true as const, consistent: record.checks.every((check) => check.passed), document: record } : { ok: false as const };
      expect({ label: text.label, outcome: scoreReading(read, text.expected).outcome }).toEqual({ label: text.label, outcome: "correct" });
    }
  });
});
