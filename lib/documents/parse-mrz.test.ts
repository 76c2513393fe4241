import { describe, expect, it } from "vitest";
import { computeCheckDigit } from "./compute-check-digit";
import { findMrzLines } from "./find-mrz-lines";
import { parseMrz } from "./parse-mrz";
import { buildMrz, TEST_IDENTITIES } from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
const failed = (lines: string[]) => parseMrz(lines, now).checks.filter((check) => !check.passed).map((check) => check.name);

describe("computeCheckDigit", () => {
  it("matches the ICAO 9303 specimen values", () => {
    // ICAO 9303 Part 4 Appendix A specimen: L898902C3 → 6, 740812 → 2, 120415 → 9, ZE184226B<<<<< → 1.
    expect(computeCheckDigit("L898902C3")).toBe(6);
    expect(computeCheckDigit("740812")).toBe(2);
    expect(computeCheckDigit("120415")).toBe(9);
    expect(computeCheckDigit("ZE184226B<<<<<")).toBe(1);
    // Composite of the specimen: number+check, birth+check, expiry+check, optional data+check → 0.
    expect(computeCheckDigit("L898902C36" + "7408122" + "1204159" + "ZE184226B<<<<<1")).toBe(0);
    expect(computeCheckDigit("abc")).toBeNull();
  });
});

describe("parseMrz (TD3)", () => {
  const lines = buildMrz(TEST_IDENTITIES.valid, "TD3");

  it("reads every field and passes every check digit", () => {
    const document = parseMrz(lines, now);
    expect(document).toMatchObject({
      kind: "MRZ_TD3",
      documentType: "PASSPORT",
      issuingCountry: "USA",
      documentNumber: "L898902C3",
      surname: "ERIKSSON",
      givenNames: "ANNA MARIA",
      dateOfBirth: "1990-08-12",
      expiryDate: "2034-05-30",
      nationality: "USA",
      sex: "F",
      corrections: [],
    });
    expect(document.checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(["document number check digit", "date of birth check digit", "expiry date check digit", "optional data check digit", "composite check digit"]),
    );
    expect(failed(lines)).toEqual([]);
  });

  it("does not fix a forged check digit", () => {
    const forged = buildMrz(TEST_IDENTITIES.forged, "TD3");
    const document = parseMrz(forged, now);
    expect(failed(forged)).toEqual(["date of birth check digit"]);
    expect(document.corrections).toEqual([]);
  });

  it("corrects O→0 in a date only because the check digit then matches", () => {
    const confused = [lines[0]!, lines[1]!.slice(0, 13) + "9OO812" + lines[1]!.slice(19)];
    const document = parseMrz(confused, now);
    expect(document.dateOfBirth).toBe("1990-08-12");
    expect(document.corrections).toEqual([expect.stringContaining('date of birth: read "9OO8124", corrected to "9008124"')]);
    expect(failed(confused)).toEqual([]);
  });

  it("leaves a look-alike uncorrected when the check digit disagrees", () => {
    // 9OO813: after O→0 the check digit 4 still does not match 900813, so the date stays unverified.
    const wrong = [lines[0]!, lines[1]!.slice(0, 13) + "9OO813" + lines[1]!.slice(19)];
    const document = parseMrz(wrong, now);
    expect(document.corrections).toEqual([]);
    expect(failed(wrong)).toContain("date of birth check digit");
  });

  it("never swaps look-alikes in the document number, even where one swap would verify", () => {
    // Issue 13: L898902C3 read as L8989O2C3 used to be "corrected" because one swap verifies; a one-digit
    // checksum accepts one guess in ten, so the number is left as read and its check fails (retake).
    const confused = [lines[0]!, "L8989O2C3" + lines[1]!.slice(9)];
    const document = parseMrz(confused, now);
    expect(document.documentNumber).toBe("L8989O2C3");
    expect(document.corrections).toEqual([]);
    expect(failed(confused)).toContain("document number check digit");
  });

  it("normalises Germany's D<< and splits several given names", () => {
    const german = buildMrz({ ...TEST_IDENTITIES.valid, issuingCountry: "D", nationality: "D", givenNames: "Hans Peter Karl" }, "TD3");
    const document = parseMrz(german, now);
    expect(document.issuingCountry).toBe("DEU");
    expect(document.nationality).toBe("DEU");
    expect(document.givenNames).toBe("HANS PETER KARL");
  });

  it("puts two-digit years in the right century: a birth year that would make the holder under 16 is the earlier century", () => {
    const document = parseMrz(buildMrz({ ...TEST_IDENTITIES.valid, dateOfBirth: "2009-01-02", expiryDate: "1999-12-31" }, "TD3"), now);
    expect(document.dateOfBirth).toBe("2009-01-02");
    // Czech specimen passport: 110101 is 1911 (a 15-year-old is no employee); 16 years before `now` is still this century.
    expect(parseMrz(buildMrz({ ...TEST_IDENTITIES.valid, dateOfBirth: "1911-01-01" }, "TD3"), now).dateOfBirth).toBe("1911-01-01");
    expect(parseMrz(buildMrz({ ...TEST_IDENTITIES.valid, dateOfBirth: "2010-11-21" }, "TD3"), now).dateOfBirth).toBe("2010-11-21");
    expect(parseMrz(buildMrz({ ...TEST_IDENTITIES.valid, dateOfBirth: "1910-11-22" }, "TD3"), now).dateOfBirth).toBe("1910-11-22");
    expect(document.expiryDate).toBe("1999-12-31");
    expect(parseMrz(buildMrz({ ...TEST_IDENTITIES.valid, dateOfBirth: "1931-01-02" }, "TD3"), now).dateOfBirth).toBe("1931-01-02");
  });
});

describe("parseMrz (TD1)", () => {
  it("reads the ID card layout with a transliterated name", () => {
    const lines = buildMrz(TEST_IDENTITIES.nearMatching, "TD1");
    expect(lines[2]).toBe("GARCIA<MARQUEZ<<JOSE<<<<<<<<<<");
    const document = parseMrz(lines, now);
    expect(document).toMatchObject({ kind: "MRZ_TD1", documentType: "ID_CARD", issuingCountry: "ESP", surname: "GARCIA MARQUEZ", givenNames: "JOSE", documentNumber: "PAB123456" });
    expect(failed(lines)).toEqual([]);
  });

  it("reads document numbers longer than nine characters from the optional data", () => {
    const lines = buildMrz({ ...TEST_IDENTITIES.valid, documentNumber: "D23145890734" }, "TD1");
    expect(parseMrz(lines, now).documentNumber).toBe("D23145890734");
    expect(failed(lines)).toEqual([]);
  });

  it("fails the composite check when optional data was tampered with", () => {
    const lines = buildMrz(TEST_IDENTITIES.valid, "TD1");
    const tampered = [lines[0]!.slice(0, 20) + "X" + lines[0]!.slice(21), lines[1]!, lines[2]!];
    expect(failed(tampered)).toEqual(["composite check digit"]);
  });
});

describe("findMrzLines", () => {
  it("repairs OCR noise in fillers and picks the MRZ out of other text", () => {
    const ocr = [
      "IDENTITY CARD",
      "SPECIMEN",
      "I<ESPPAB1234561<<<<<<<<<<<<<<<<",
      "7904211M3405307ESP<<<<<<<<<<<6H",
      "GARCIA<MARQUEZ<<JO0SE<<<<<<<L<L",
    ].join("\n");
    const found = findMrzLines(ocr);
    // The L fillers are left to parseMrz (which knows the name layout); the dropped doubled glyph is reported.
    const expected = buildMrz(TEST_IDENTITIES.nearMatching, "TD1");
    expect(found).toEqual({ found: "complete", format: "TD1", lines: [expected[0], expected[1], "GARCIA<MARQUEZ<<JOSE<<<<<<<L<L"], nameLineRepairs: [expect.stringContaining("doubled glyph")] });
    if (found.found !== "complete") return;
    const document = parseMrz(found.lines, now, { nameLineRepairs: found.nameLineRepairs });
    expect(document).toMatchObject({ surname: "GARCIA MARQUEZ", givenNames: "JOSE" });
    // JO0SE may have been JOOSE: no check digit covers the name, so the read is not fully consistent.
    expect(document.checks.find((check) => check.name === "name read")?.passed).toBe(false);
  });

  it("reports a partial zone when only one line is visible", () => {
    expect(findMrzLines("P<USAERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nSOMETHING")).toEqual({ found: "partial", lineCount: 1 });
    expect(findMrzLines("NOTHING HERE")).toEqual({ found: "none" });
  });
});
