import { describe, expect, it } from "vitest";
import { looksLikeAamva, parseAamva } from "./parse-aamva";
import { toAamvaDocument } from "./read-aamva-document";
import { buildAamvaSpecimen, expectedPostalCode, SPECIMEN_HOLDER as HOLDER, specimenDate } from "./testing/build-aamva-version-text";

const now = new Date("2026-11-21T12:00:00Z");
const read = (text: string) => {
  const record = parseAamva(text);
  if (!record) throw new Error("not read");
  return { record, failed: toAamvaDocument(record, now).checks.filter((check) => !check.passed) };
};
const detail = (text: string, name: string) => parseAamva(text)?.checks.find((check) => check.name === name)?.detail;

const expectedHolder = (country: "USA" | "CAN") => ({
  documentType: "DRIVER_LICENSE",
  country,
  documentNumber: HOLDER.number,
  surname: HOLDER.surname,
  givenNames: `${HOLDER.first} ${HOLDER.middle}`,
  dateOfBirth: HOLDER.dateOfBirth,
  issueDate: HOLDER.issueDate,
  expiryDate: HOLDER.expiryDate,
  sex: "F",
  address: { postalCode: expectedPostalCode(country), country },
});

describe("parseAamva: every AAMVA version", () => {
  for (let version = 1; version <= 10; version++) {
    it(`reads a US version ${version} licence (${version === 1 ? "CCYYMMDD" : "MMDDCCYY"} dates)`, () => {
      const text = buildAamvaSpecimen({ version, country: "USA" });
      const { record, failed } = read(text);
      expect(record).toMatchObject({ ...expectedHolder("USA"), version, jurisdiction: "AZ", issuerIdentificationNumber: "636026" });
      expect(failed).toEqual([]);
    });
    it(`reads a Canadian version ${version} licence (CCYYMMDD dates)`, () => {
      const { record, failed } = read(buildAamvaSpecimen({ version, country: "CAN" }));
      expect(record).toMatchObject({ ...expectedHolder("CAN"), version, jurisdiction: "ON" });
      expect(failed).toEqual([]);
    });
  }

  it("names the element each name came from, per version", () => {
    expect(detail(buildAamvaSpecimen({ version: 1, country: "USA" }), "AAMVA name elements")).toBe("surname from DAA, given names from DAA");
    expect(detail(buildAamvaSpecimen({ version: 3, country: "USA" }), "AAMVA name elements")).toBe("surname from DCS, given names from DCT");
    expect(detail(buildAamvaSpecimen({ version: 9, country: "USA" }), "AAMVA name elements")).toBe("surname from DCS, given names from DAC + DAD");
  });

  it("reads version 1 names from DAB/DAC/DAD and a DAA with an empty middle name and a suffix", () => {
    const split = buildAamvaSpecimen({ version: 1, country: "USA" }).replace(/DAA[^\n]*/, `DAB${HOLDER.surname}\nDAC${HOLDER.first}\nDAD${HOLDER.middle}`);
    expect(read(split).record).toMatchObject({ surname: HOLDER.surname, givenNames: `${HOLDER.first} ${HOLDER.middle}` });
    const suffixed = buildAamvaSpecimen({ version: 1, country: "USA" }).replace(/DAA[^\n]*/, "DAAJOHNSON,JACK,,3RD");
    expect(read(suffixed).record).toMatchObject({ surname: "JOHNSON", givenNames: "JACK" });
    const trailingComma = buildAamvaSpecimen({ version: 1, country: "USA" }).replace(/DAA[^\n]*/, "DAASMITH,MARY,ROBINS,");
    expect(read(trailingComma).record).toMatchObject({ surname: "SMITH", givenNames: "MARY ROBINS" });
  });

  it("reads a version 1 DAA without commas in reading order, the last word as the surname, and records it", () => {
    const text = buildAamvaSpecimen({ version: 1, country: "USA" }).replace(/DAA[^\n]*/, "DAAJOHN P SMITH");
    const { record, failed } = read(text);
    expect(record).toMatchObject({ surname: "SMITH", givenNames: "JOHN P" });
    expect(failed).toEqual([]);
    expect(record.corrections).toEqual([expect.stringMatching(/DAA "JOHN P SMITH" has no commas; read as surname "SMITH" \(the last word\)/)]);
  });

  it("reads an early version 1 card whose file type is AAMVA instead of ANSI", () => {
    const text = buildAamvaSpecimen({ version: 1, country: "USA" }).replace("ANSI ", "AAMVA");
    expect(read(text)).toMatchObject({ record: expectedHolder("USA"), failed: [] });
  });

  it("reads a pre-standard version 0 card, taking each date's only real reading and saying so", () => {
    const text = buildAamvaSpecimen({ version: 1, country: "USA" }).replace("ANSI 63602601", "AAMVA63602600").replace(/DBB\d+/, `DBB${specimenDate(HOLDER.dateOfBirth, 2, "USA")}`);
    const { record, failed } = read(text);
    expect(record).toMatchObject({ version: 0, dateOfBirth: HOLDER.dateOfBirth, expiryDate: HOLDER.expiryDate });
    expect(failed).toEqual([]);
    expect(detail(text, "AAMVA date of birth format")).toMatch(/pre-standard.*only the MMDDCCYY reading is a real date/);
  });

  it("reads a version newer than 10 as version 10 and says so", () => {
    const text = buildAamvaSpecimen({ version: 10, country: "USA" }).replace("ANSI 6360261001", "ANSI 6360261101");
    expect(read(text)).toMatchObject({ record: { version: 11, dateOfBirth: HOLDER.dateOfBirth }, failed: [] });
    expect(detail(text, "AAMVA header")).toMatch(/version 11 is newer than 10/);
  });
});

describe("parseAamva: date formats", () => {
  it("version 1 is CCYYMMDD regardless of country: a US version 1 card's MMDDCCYY date is read only as the correction", () => {
    const text = buildAamvaSpecimen({ version: 1, country: "USA" }).replace(/DBB\d+/, "DBB03091987");
    const { record } = read(text);
    expect(record.dateOfBirth).toBe("1987-03-09");
    expect(detail(text, "AAMVA date of birth format")).toMatch(/read as 1987-03-09 in MMDDCCYY: not a real CCYYMMDD date \(version 1 /);
    expect(record.corrections).toEqual([expect.stringMatching(/^date of birth: DBB 03091987 is not a CCYYMMDD date/)]);
  });

  it("US versions 2+ are MMDDCCYY: a CCYYMMDD value is read as such with a correction", () => {
    const text = buildAamvaSpecimen({ version: 8, country: "USA" }).replace(/DBA\d+/, "DBA20310309");
    const { record, failed } = read(text);
    expect(record.expiryDate).toBe("2031-03-09");
    expect(failed).toEqual([]);
    expect(detail(text, "AAMVA expiry date format")).toMatch(/not a real MMDDCCYY date \(version 8, USA: MMDDCCYY\)/);
  });

  it("Canada is CCYYMMDD: an MMDDCCYY value is read as such with a correction", () => {
    const text = buildAamvaSpecimen({ version: 10, country: "CAN" }).replace(/DBB\d+/, "DBB03091987");
    expect(read(text).record.dateOfBirth).toBe("1987-03-09");
    expect(detail(text, "AAMVA date of birth format")).toMatch(/version 10, Canada: CCYYMMDD/);
  });

  it("takes the country from the IIN when DCG is absent, and from a province code when both are", () => {
    const noDcg = buildAamvaSpecimen({ version: 5, country: "CAN" }).replace(/\nDCGCAN/, "");
    expect(read(noDcg)).toMatchObject({ record: { country: "CAN", dateOfBirth: HOLDER.dateOfBirth }, failed: [] });
    expect(detail(noDcg, "AAMVA issuing country")).toBe("CAN from IIN 636012 (ON)");
    const unknownIssuer = noDcg.replace("ANSI 636012", "ANSI 636999");
    expect(read(unknownIssuer).record).toMatchObject({ country: "CAN", dateOfBirth: HOLDER.dateOfBirth });
    expect(read(unknownIssuer).failed.map((check) => check.name)).toEqual(["AAMVA issuer identification number"]);
    expect(detail(unknownIssuer, "AAMVA issuing country")).toBe("CAN from jurisdiction ON");
  });

  it("refuses every date when DCG and the IIN name different countries", () => {
    const text = buildAamvaSpecimen({ version: 10, country: "USA" }).replace("DCGUSA", "DCGCAN");
    const { record, failed } = read(text);
    expect(record).toMatchObject({ dateOfBirth: null, expiryDate: null, issueDate: null });
    expect(failed.map((check) => check.name)).toEqual(expect.arrayContaining(["AAMVA issuing country", "AAMVA date of birth format", "AAMVA expiry date format"]));
    expect(detail(text, "AAMVA issuing country")).toBe("DCG says CAN but IIN 636026 belongs to AZ, USA");
  });

  it("refuses impossible, zero and short dates with the reason", () => {
    const base = buildAamvaSpecimen({ version: 10, country: "USA" });
    expect(detail(base.replace(/DBB\d+/, "DBB02301987"), "AAMVA date of birth format")).toMatch(/not a real date as MMDDCCYY .* nor as CCYYMMDD/);
    expect(detail(base.replace(/DBB\d+/, "DBB00000000"), "AAMVA date of birth format")).toMatch(/all zeros/);
    expect(detail(base.replace(/DBB\d+/, "DBB030987"), "AAMVA date of birth format")).toMatch(/not 8 digits/);
  });

  it("recognises damaged headers as AAMVA and other text as not", () => {
    expect(looksLikeAamva("@\n\rANSI 636026100102DL")).toBe(true);
    expect(looksLikeAamva("ANSI 636026100102DL")).toBe(true);
    expect(looksLikeAamva("https://example.com/ANSI 636026")).toBe(false);
    expect(looksLikeAamva("WIFI:S:ANSI 636026;;")).toBe(false);
  });
});
