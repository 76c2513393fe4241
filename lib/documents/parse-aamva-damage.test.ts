import { describe, expect, it } from "vitest";
import { parseAamva } from "./parse-aamva";
import { toAamvaDocument } from "./read-aamva-document";
import { buildAamvaSpecimen, SPECIMEN_HOLDER as HOLDER } from "./testing/build-aamva-version-text";

const now = new Date("2026-11-21T12:00:00Z");
const read = (text: string) => {
  const record = parseAamva(text);
  if (!record) throw new Error("not read");
  return { record, failed: toAamvaDocument(record, now).checks.filter((check) => !check.passed) };
};
const detail = (text: string, name: string) => parseAamva(text)?.checks.find((check) => check.name === name)?.detail;
const holder = { documentNumber: HOLDER.number, surname: HOLDER.surname, givenNames: `${HOLDER.first} ${HOLDER.middle}`, dateOfBirth: HOLDER.dateOfBirth, expiryDate: HOLDER.expiryDate };

// Damage seen on real scans (keyboard-wedge scanners, browsers, copy-paste, transit through text systems).
const DAMAGE: [string, (text: string) => string][] = [
  ["RS lost from the header (@ LF CR)", (text) => text.replace("@\n\x1e\r", "@\n\r")],
  ["RS and CR turned into LF (@ LF LF)", (text) => text.replace("@\n\x1e\r", "@\n\n")],
  ["header separators turned into spaces", (text) => text.replace("@\n\x1e\r", "@   ")],
  ["RS replaced by FS", (text) => text.replace("\x1e", "\x1c")],
  ["header separators lost entirely", (text) => text.replace("@\n\x1e\r", "@")],
  ['"@" and separators lost (bare ANSI)', (text) => text.replace("@\n\x1e\r", "")],
  ["leading whitespace and a symbology prefix", (text) => `]L2 ${text}`],
  ['"ANSI" without its space', (text) => text.replace("ANSI ", "ANSI")],
  ["every LF turned into CR", (text) => text.replace(/\n/g, "\r")],
  ["every LF and CR turned into CR LF", (text) => text.replace(/[\n\r]/g, "\r\n")],
  ["element separators turned into RS", (text) => text.slice(0, 30) + text.slice(30).replace(/\n/g, "\x1e")],
  ["the segment terminator lost", (text) => text.replace(/\r(?=Z)/, "\n")],
  ["a designator offset off by one", (text) => text.replace(/DL(\d{4})/, (_, offset: string) => `DL${String(Number(offset) + 1).padStart(4, "0")}`)],
  ["designator offsets zeroed", (text) => text.replace(/DL\d{4}/, "DL0000")],
  ["designator offsets written as letters", (text) => text.replace(/DL\d{4}/, "DLabac")],
  ["trailing padding after the last subfile", (text) => `${text}\r\n   `],
];

describe("parseAamva: separators lost or substituted", () => {
  for (const version of [1, 3, 10]) {
    for (const [name, damage] of DAMAGE) {
      it(`version ${version}: ${name}`, () => {
        const { record, failed } = read(damage(buildAamvaSpecimen({ version, country: "USA" })));
        expect(record).toMatchObject({ ...holder, version, jurisdiction: "AZ", country: "USA" });
        expect(failed).toEqual([]);
      });
    }
  }

  it("names the tolerated damage in the check details", () => {
    const text = buildAamvaSpecimen({ version: 10, country: "USA" }).replace(/\n/g, "\r\n");
    expect(detail(text, "AAMVA header")).toMatch(/separators after "@" are CR LF RS CR instead of LF RS CR/);
    expect(detail(text, "AAMVA subfile offset")).toMatch(/found at .*elements separated by CR LF instead of LF/);
  });

  it("reads a subfile written without its DL type prefix at the declared offset", () => {
    const text = buildAamvaSpecimen({ version: 1, country: "USA", jurisdictionSubfile: false });
    const withoutPrefix = text.replace(/(DL\d{8})DL/, "$1");
    expect(read(withoutPrefix)).toMatchObject({ record: holder, failed: [] });
    expect(detail(withoutPrefix, "AAMVA subfile offset")).toMatch(/without its type prefix/);
  });

  it("reads an ID card subfile", () => {
    const text = buildAamvaSpecimen({ version: 10, country: "USA" }).replace(/DL(\d{8})/, "ID$1").replace(/DL(?=DCA)/, "ID");
    expect(read(text)).toMatchObject({ record: { documentType: "ID_CARD", ...holder }, failed: [] });
  });

  it("does not invent elements when every separator inside the subfile is gone", () => {
    const text = buildAamvaSpecimen({ version: 10, country: "USA", jurisdictionSubfile: false }).replace(/\n/g, "");
    const { failed } = read(text);
    expect(failed.map((check) => check.name)).toContain("AAMVA mandatory elements");
  });

  it("returns null for a header with no findable subfile", () => {
    expect(parseAamva("@\n\x1e\rANSI 636026100101DL00310010")).toBeNull();
  });
});

describe("parseAamva: duplicated elements are refused", () => {
  const base = buildAamvaSpecimen({ version: 10, country: "USA" });

  it("refuses a DAQ carried twice, even with the same value, and reads no document number", () => {
    const text = base.replace(`DAQ${HOLDER.number}`, `DAQ${HOLDER.number}\nDAQ${HOLDER.number}`);
    const { record, failed } = read(text);
    expect(record.documentNumber).toBeNull();
    expect(failed.map((check) => check.name)).toEqual(["AAMVA duplicate elements"]);
    expect(failed[0]?.detail).toMatch(/DAQ appears 2 times \(same value\).*can't be told from the issued one/);
  });

  it("refuses a DBB carried twice with different values and reads no date of birth", () => {
    const text = base.replace(/DBB\d+/, (dbb) => `${dbb}\nDBB01011960`);
    const { record, failed } = read(text);
    expect(record.dateOfBirth).toBeNull();
    expect(failed.map((check) => check.name)).toEqual(expect.arrayContaining(["AAMVA duplicate elements", "date of birth plausible"]));
    expect(detail(text, "AAMVA duplicate elements")).toMatch(/DBB appears 2 times \(different values\)/);
  });

  it("refuses a value appended after the jurisdiction subfile", () => {
    const text = `${base}DAQX0000001\n`;
    expect(read(text).record.documentNumber).toBeNull();
    expect(detail(text, "AAMVA duplicate elements")).toMatch(/DAQ appears 2 times \(different values, one after the subfile's end\)/);
  });

  it("refuses a second DL subfile appended to the barcode", () => {
    const text = `${base}DLDAQX0000001\nDCSDOE\nDACJOHN\r`;
    const { record, failed } = read(text);
    expect(record).toMatchObject({ documentNumber: null, surname: null });
    expect(failed.map((check) => check.name)).toEqual(["AAMVA duplicate elements"]);
    expect(detail(text, "AAMVA subfile offset")).toMatch(/a second DL subfile follows/);
  });

  it("refuses an identity element found only after the subfile's end", () => {
    const text = base.replace(/\nDAD[^\n]*/, "") + "DADMARIA\n";
    expect(read(text).record.givenNames).toBe(HOLDER.first);
    expect(detail(text, "AAMVA duplicate elements")).toMatch(/DAD appears only after the subfile's end/);
  });

  it("refuses conflicting copies of other elements but tolerates an identical repeat of a non-identity one", () => {
    expect(read(base.replace("DDEN", "DDEN\nDDEN")).failed).toEqual([]);
    expect(detail(base.replace("DCAD", "DCAD\nDCAC"), "AAMVA duplicate elements")).toMatch(/DCA appears 2 times \(different values\)/);
  });

  it("refuses a duplicate in a version 1 barcode too", () => {
    const text = buildAamvaSpecimen({ version: 1, country: "USA" }).replace(/DAA[^\n]*/, (daa) => `${daa}\nDAADOE,JOHN`);
    const { record, failed } = read(text);
    expect(record.surname).toBeNull();
    expect(failed.map((check) => check.name)).toContain("AAMVA duplicate elements");
  });
});

describe("parseAamva: issuer quirks seen on real cards (shapes from public parsers' fixtures, values invented)", () => {
  const cases: [string, string, Record<string, string>][] = [
    [
      "a version 1 card with two corrupted header bytes and an offset one too high",
      "@\nÜMANSI 6360050101DL00300216DLDAQ100000001\nDAADOE,JANE,ANN,\nDAG1 MAIN ST\nDAICOLUMBIA\nDAJSC\nDAK292010000  \nDBA20300101\nDBB19800505\nDBC2\nDBD20200101\n",
      { documentNumber: "100000001", surname: "DOE", givenNames: "JANE ANN", dateOfBirth: "1980-05-05", expiryDate: "2030-01-01" },
    ],
    [
      "a version 1 card whose RS and CR arrived as LF",
      "@\n\nANSI 6360250101DL00290194DLDAQ12345678\nDAADOE,JOHN,Q\nDAG1 MAIN ST\nDAIPHILADELPHIA\nDAJPA\nDAK19130      \nDBA20300203\nDBB19860202\nDBCM\nDBD20160104\n",
      { documentNumber: "12345678", givenNames: "JOHN Q", dateOfBirth: "1986-02-02", sex: "M" },
    ],
    [
      "an AAMVA-file-type card typed through a browser: separators lost, no DL prefix at the offset",
      "@\nAAMVA6360060101DL00290179DAADOE,JOHN,A\nDAG1 STATE ST\nDAIHARTFORD\nDAJCT\nDAK061091896  \nDAQ990000001\nDBA20300101\nDBB19610101\nDBC2\nDBD20090223\n",
      { documentNumber: "990000001", surname: "DOE", dateOfBirth: "1961-01-01" },
    ],
    [
      "a keyboard-wedge scan with CR LF for every LF and CR",
      "@\r\n\x1e\r\nANSI 636014080102DL00410280ZC03210024DLDAQD1234567\r\nDCSDOE\r\nDACJANE\r\nDADNONE\r\nDBB01311990\r\nDBA01312030\r\nDCGUSA\r\nDAJCA\r\n\rZCZCAX\r\nZCBY\r\n",
      { documentNumber: "D1234567", givenNames: "JANE", dateOfBirth: "1990-01-31", expiryDate: "2030-01-31" },
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const { record, failed } = read(text);
      expect(record).toMatchObject(expected);
      expect(failed).toEqual([]);
    });
  }
});
