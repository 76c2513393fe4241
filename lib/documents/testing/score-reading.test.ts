import { describe, expect, it } from "vitest";
import { normaliseName, scoreReading, type ExpectedReading, type ScorableRead } from "./score-reading";

const expected: ExpectedReading = {
  documentNumber: "L898902C3",
  surname: "O'Brien-Smith",
  givenNames: "Siobhán Maria",
  dateOfBirth: "1990-08-12",
  expiryDate: "2034-05-30",
};

function read(overrides: Partial<Record<keyof ExpectedReading, string | null>> = {}, consistent = true): ScorableRead {
  return {
    ok: true,
    consistent,
    document: {
      documentNumber: "L898902C3",
      surname: "O BRIEN SMITH",
      givenNames: "SIOBHAN MARIA",
      dateOfBirth: "1990-08-12",
      expiryDate: "2034-05-30",
      ...overrides,
    },
  };
}

describe("scoreReading", () => {
  it("counts a read whose every field matches as correct, names compared as the MRZ can hold them", () => {
    const score = scoreReading(read(), expected);
    expect(score).toEqual({
      expected: "reading",
      outcome: "correct",
      fields: { documentNumber: "correct", surname: "correct", givenNames: "correct", dateOfBirth: "correct", expiryDate: "correct" },
    });
  });

  it("counts a consistent read with one wrong field as wrong-accepted for that field only", () => {
    const score = scoreReading(read({ documentNumber: "L898902CB" }), expected);
    expect(score.expected === "reading" && score.fields).toEqual({
      documentNumber: "wrong-accepted",
      surname: "correct",
      givenNames: "correct",
      dateOfBirth: "correct",
      expiryDate: "correct",
    });
    expect(score.outcome).toBe("wrong-accepted");
  });

  it("does not forgive filler read as letters in a name", () => {
    const score = scoreReading(read({ givenNames: "SIOBHAN MARIAKKKK" }), expected);
    expect(score.expected === "reading" && score.fields.givenNames).toBe("wrong-accepted");
  });

  it("counts a missing field in an accepted read as wrong-accepted", () => {
    const score = scoreReading(read({ dateOfBirth: null }), expected);
    expect(score.expected === "reading" && score.fields.dateOfBirth).toBe("wrong-accepted");
  });

  it("counts a read marked inconsistent as refused in every field, even with wrong values", () => {
    const score = scoreReading(read({ documentNumber: "X" }, false), expected);
    expect(score.outcome).toBe("refused");
    expect(score.expected === "reading" && Object.values(score.fields)).toEqual(Array(5).fill("refused"));
  });

  it("counts a failed read as refused", () => {
    expect(scoreReading({ ok: false }, expected).outcome).toBe("refused");
  });

  it("accepts extra given names only when the specimen lists the first one alone", () => {
    const firstOnly = { ...expected, givenNames: "Siobhan" };
    const strict = scoreReading(read(), firstOnly);
    expect(strict.expected === "reading" && strict.fields.givenNames).toBe("wrong-accepted");
    const lenient = scoreReading(read(), { ...firstOnly, givenNamesFirstOnly: true });
    expect(lenient.expected === "reading" && lenient.fields.givenNames).toBe("correct");
    const prefixOfAWord = scoreReading(read({ givenNames: "SIOBHANA" }), { ...firstOnly, givenNamesFirstOnly: true });
    expect(prefixOfAWord.expected === "reading" && prefixOfAWord.fields.givenNames).toBe("wrong-accepted");
  });

  it("scores forgeries: refused or flagged is right, accepted is wrong, and says which field was forged", () => {
    const forgery = { refuse: true, forgedField: "documentNumber" } as const;
    expect(scoreReading({ ok: false }, forgery)).toEqual({ expected: "refusal", outcome: "refused-correctly", forgedField: "documentNumber" });
    expect(scoreReading(read({}, false), forgery).outcome).toBe("refused-correctly");
    expect(scoreReading(read(), forgery).outcome).toBe("wrongly-accepted");
    expect(scoreReading(read(), { refuse: true })).toEqual({ expected: "refusal", outcome: "wrongly-accepted", forgedField: null });
  });
});

describe("normaliseName", () => {
  it("folds diacritics, case and every separator into single spaces", () => {
    expect(normaliseName("  Martínez-Okafor ")).toBe("MARTINEZ OKAFOR");
    expect(normaliseName("MARTINEZ<OKAFOR")).toBe("MARTINEZ OKAFOR");
    expect(normaliseName("d'Angelo  de la Cruz")).toBe("D ANGELO DE LA CRUZ");
  });
});

describe("specimen states", () => {
  const specimen = { documentNumber: "L898902C3", surname: "ERIKSSON", givenNames: "ANNA MARIA", dateOfBirth: "1974-08-12", expiryDate: "2012-04-15" };

  it("scores a right read whose only problem is the specimen state's code as read", () => {
    const read = { ok: true as const, consistent: false, problems: ['issuing state code: "UTO" is ICAO\'s specimen state (Utopia), not a real issuer'], document: specimen };
    expect(scoreReading(read, specimen).outcome).toBe("correct");
  });

  it("still scores any other problem as refused", () => {
    const read = { ok: true as const, consistent: false, problems: ["issuing state code: fine", "composite check digit: fails"], document: specimen };
    expect(scoreReading(read, specimen).outcome).toBe("refused");
  });
});
