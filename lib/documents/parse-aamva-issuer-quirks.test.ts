import { describe, expect, it } from "vitest";
import { matchNames } from "@/lib/verification/matching/match-names";
import { looksLikeAamva, parseAamva } from "./parse-aamva";
import { toAamvaDocument } from "./read-aamva-document";
import { removeStrayAamvaCharacters } from "./remove-stray-aamva-characters";

// Issuer quirks seen on real cards, written here as synthetic barcodes with invented holders so that each rule is
// tested beyond the held-out specimens (which this file never reads).
const now = new Date("2026-11-21T12:00:00Z");

/** A standard-conformant one-subfile barcode: "@" LF RS CR, "ANSI ", IIN, version, designator, DL subfile. */
function card(version: number, iin: string, elements: string[]): string {
  const head = `@\n\x1e\rANSI ${iin}${String(version).padStart(2, "0")}${version >= 2 ? "00" : ""}01`;
  const body = `DL${elements.join("\n")}\r`;
  return `${head}DL${String(head.length + 10).padStart(4, "0")}${String(body.length).padStart(4, "0")}${body}`;
}

const read = (text: string) => {
  const record = parseAamva(text);
  if (!record) throw new Error("not read");
  const document = toAamvaDocument(record, now);
  return { record, document, failed: document.checks.filter((check) => !check.passed) };
};
const check = (text: string, name: string) => parseAamva(text)?.checks.find((item) => item.name === name);

// Wyoming-like IIN (USA), New Brunswick-like IIN (Canada), Pennsylvania-like IIN (USA).
const US_IIN = "636060";
const CA_IIN = "636017";
const PA_IIN = "636025";

const usV9 = (dates: { dbb: string; dba: string; dbd: string }, extra: string[] = []) =>
  card(9, US_IIN, ["DAQ778812-004", "DCSHALVORSEN", "DACBRITTA", "DADLOUISE", `DBD${dates.dbd}`, `DBB${dates.dbb}`, `DBA${dates.dba}`, "DBC2", "DAJWY", "DAK820010000  ", "DCGUSA", ...extra]);
const caV2 = (dates: { dbb: string; dba: string }, extra: string[] = []) =>
  card(2, CA_IIN, ["DAQ4410228", "DCSLEBLANC", "DCTCHANTAL,MARIE", `DBB${dates.dbb}`, `DBA${dates.dba}`, "DBC2", "DAJNB", "DCGCAN", ...extra]);
const paV1 = (daa: string, extra: string[] = []) =>
  card(1, PA_IIN, ["DAQ30094417", `DAA${daa}`, "DAG9 ELM ST", "DAJPA", "DBA20320415", "DBB19790415", "DBCM", "DBD20240301", ...extra]);

describe("parseAamva: a date written in the other format", () => {
  it("reads a US card's CCYYMMDD dates as CCYYMMDD and records a correction for each", () => {
    const { record, document, failed } = read(usV9({ dbb: "19720229", dba: "20300301", dbd: "20220118" }));
    expect(record).toMatchObject({ dateOfBirth: "1972-02-29", expiryDate: "2030-03-01", issueDate: "2022-01-18" });
    expect(failed).toEqual([]);
    expect(record.corrections).toHaveLength(3);
    expect(document.corrections).toEqual(record.corrections);
    expect(record.corrections[0]).toMatch(/^date of birth: DBB 19720229 is not a MMDDCCYY date \(version 9, USA: MMDDCCYY\) but is the CCYYMMDD date 1972-02-29/);
  });

  it("reads a Canadian card's MMDDCCYY dates as MMDDCCYY and records a correction", () => {
    const { record, failed } = read(caV2({ dbb: "11301968", dba: "11302029" }));
    expect(record).toMatchObject({ country: "CAN", dateOfBirth: "1968-11-30", expiryDate: "2029-11-30" });
    expect(failed).toEqual([]);
    expect(record.corrections).toEqual([expect.stringMatching(/DBB 11301968 is not a CCYYMMDD date .* MMDDCCYY date 1968-11-30/), expect.stringMatching(/DBA 11302029/)]);
  });

  it("reads a version 1 card's MMDDCCYY date (version 1 prescribes CCYYMMDD) with a correction", () => {
    const text = paV1("KOWALSKI,PIOTR,J").replace("DBB19790415", "DBB04151979");
    expect(read(text).record).toMatchObject({ dateOfBirth: "1979-04-15" });
    expect(read(text).record.corrections).toEqual([expect.stringMatching(/DBB 04151979 is not a CCYYMMDD date \(version 1/)]);
  });

  it("keeps the prescribed reading when it is a real date, with no correction", () => {
    const { record } = read(usV9({ dbb: "12101985", dba: "12102031", dbd: "01052023" }));
    expect(record).toMatchObject({ dateOfBirth: "1985-12-10", corrections: [] });
  });

  it.each([
    ["month 13 as MMDDCCYY, year 1313 as CCYYMMDD", "13132019"],
    ["month 20 as MMDDCCYY, month 32 as CCYYMMDD", "20213232"],
    ["a CCYYMMDD year before 1900", "18991231"],
    ["a CCYYMMDD year after 2100", "21011231"],
    ["February 30 as MMDDCCYY, year 230 as CCYYMMDD", "02302030"],
  ])("leaves a date null when it is invalid in both formats: %s", (_, value) => {
    const text = usV9({ dbb: value, dba: "12102031", dbd: "01052023" });
    const { record, failed } = read(text);
    expect(record.dateOfBirth).toBeNull();
    expect(record.corrections).toEqual([]);
    expect(failed.map((item) => item.name)).toContain("AAMVA date of birth format");
    expect(check(text, "AAMVA date of birth format")?.detail).toMatch(/refused: not a real date as MMDDCCYY .* nor as CCYYMMDD/);
  });

  it("still refuses every date when DCG and the IIN name different countries, even a date that fits one format only", () => {
    const text = usV9({ dbb: "19720229", dba: "12102031", dbd: "01052023" }).replace("DCGUSA", "DCGCAN");
    expect(read(text).record).toMatchObject({ dateOfBirth: null, expiryDate: null, corrections: [] });
  });

  it("still refuses a duplicated date element even when both copies would be corrected alike", () => {
    const text = usV9({ dbb: "19720229", dba: "12102031", dbd: "01052023" }, ["DBB19720229"]);
    const { record, failed } = read(text);
    expect(record.dateOfBirth).toBeNull();
    expect(failed.map((item) => item.name)).toContain("AAMVA duplicate elements");
  });
});

describe("parseAamva: names with padding, separators or no commas", () => {
  it("trims a trailing comma and fixed-width padding from DCS and DCT", () => {
    const text = caV2({ dbb: "19680115", dba: "20290115" }).replace("DCSLEBLANC", "DCSLEBLANC,                       ").replace("DCTCHANTAL,MARIE", "DCTCHANTAL,MARIE,          ");
    const { record, failed } = read(text);
    expect(record).toMatchObject({ surname: "LEBLANC", givenNames: "CHANTAL MARIE", corrections: [] });
    expect(failed).toEqual([]);
  });

  it("trims separators around version 4+ DAC and DAD too", () => {
    const text = usV9({ dbb: "12101985", dba: "12102031", dbd: "01052023" }).replace("DACBRITTA", "DAC BRITTA,").replace("DADLOUISE", "DADLOUISE$ ");
    expect(read(text).record).toMatchObject({ surname: "HALVORSEN", givenNames: "BRITTA LOUISE" });
  });

  it("reads a version 1 DAA written in reading order without commas, the last word as the surname, and records it", () => {
    const { record, document, failed } = read(paV1("PIOTR J KOWALSKI"));
    expect(record).toMatchObject({ surname: "KOWALSKI", givenNames: "PIOTR J" });
    expect(failed).toEqual([]);
    expect(document.corrections).toEqual([expect.stringMatching(/DAA "PIOTR J KOWALSKI" has no commas; read as surname "KOWALSKI" \(the last word\) and given names "PIOTR J"/)]);
    expect(check(paV1("PIOTR J KOWALSKI"), "AAMVA name elements")?.detail).toMatch(/read in reading order/);
  });

  it("takes the surname from DAB when one is present and the rest of DAA as the given names, wherever the surname stands", () => {
    expect(read(paV1("PIOTR J KOWALSKI", ["DABKOWALSKI"])).record).toMatchObject({ surname: "KOWALSKI", givenNames: "PIOTR J" });
    expect(read(paV1("KOWALSKI PIOTR J", ["DABKOWALSKI"])).record).toMatchObject({ surname: "KOWALSKI", givenNames: "PIOTR J" });
    expect(read(paV1("ANNA DE LUCA", ["DABDE LUCA"])).record).toMatchObject({ surname: "DE LUCA", givenNames: "ANNA" });
  });

  it("refuses to split when DAB is not part of the comma-less DAA", () => {
    const { record, failed } = read(paV1("PIOTR J KOWALSKI", ["DABNOWAK"]));
    expect(record).toMatchObject({ surname: "NOWAK", givenNames: null });
    expect(failed.map((item) => item.name)).toContain("AAMVA name elements");
  });

  it("refuses a single-word DAA and a comma-less DAA in a later version, where no word order is defined", () => {
    const single = read(paV1("KOWALSKI"));
    expect(single.record).toMatchObject({ surname: null, givenNames: null });
    expect(single.failed.map((item) => item.name)).toContain("AAMVA name elements");
    const later = card(5, PA_IIN, ["DAQ30094417", "DAAPIOTR J KOWALSKI", "DBA04152032", "DBB04151979", "DAJPA", "DCGUSA"]);
    expect(read(later).record).toMatchObject({ surname: null, givenNames: null });
    expect(check(later, "AAMVA name elements")?.detail).toMatch(/not a version 5 element/);
  });

  it("an assumed split admits no directory entry the true split would not: a misplaced split only loses matches", () => {
    const matches = (directory: [string, string], given: string | null, surname: string | null) => {
      const verdict = matchNames({ directoryFirstName: directory[0], directoryLastName: directory[1], evidenceGivenNames: given, evidenceSurname: surname });
      return verdict.firstName.outcome === "MATCH" && verdict.lastName.outcome === "MATCH";
    };
    const holders: [string, [string, string]][] = [
      ["ANNA MARIA DE LUCA", ["ANNA MARIA", "DE LUCA"]],
      ["MARY ANN SMITH JONES", ["MARY ANN", "SMITH JONES"]],
      ["JOHN P SMITH", ["JOHN P", "SMITH"]],
    ];
    const directory: [string, string][] = [
      ["Anna Maria", "De Luca"], ["Anna", "Luca"], ["Maria", "De Luca"], ["Anna", "De"], ["Mary", "Smith"], ["Mary", "Jones"],
      ["Mary Ann", "Smith Jones"], ["Ann", "Smith"], ["John", "Smith"], ["John", "P"], ["Smith", "John"], ["P", "Smith"],
    ];
    for (const [daa, [trueGiven, trueSurname]] of holders) {
      const { record } = read(paV1(daa));
      for (const entry of directory) {
        if (matches(entry, record.givenNames, record.surname)) expect(matches(entry, trueGiven, trueSurname), `${daa} against ${entry.join(" ")}`).toBe(true);
      }
    }
    // The genuine holders still match through the whole name when the split is misplaced.
    expect(matches(["Anna Maria", "De Luca"], read(paV1("ANNA MARIA DE LUCA")).record.givenNames, read(paV1("ANNA MARIA DE LUCA")).record.surname)).toBe(true);
    expect(matches(["Mary Ann", "Smith Jones"], read(paV1("MARY ANN SMITH JONES")).record.givenNames, read(paV1("MARY ANN SMITH JONES")).record.surname)).toBe(true);
  });

  it("still refuses a duplicated DAA in a comma-less version 1 card", () => {
    const { record, failed } = read(paV1("PIOTR J KOWALSKI", ["DAAPIOTR J KOWALSKI"]));
    expect(record).toMatchObject({ surname: null, givenNames: null });
    expect(failed.map((item) => item.name)).toContain("AAMVA duplicate elements");
  });
});

describe("parseAamva: stray control characters", () => {
  const clean = usV9({ dbb: "12101985", dba: "12102031", dbd: "01052023" });
  const holder = { documentNumber: "778812-004", surname: "HALVORSEN", givenNames: "BRITTA LOUISE", dateOfBirth: "1985-12-10", expiryDate: "2031-12-10" };
  // The separators written as U+0090 runs on both sides, header included, as a code-page conversion does.
  const padded = clean.replace(/[\n\x1e\r]/g, (separator) => `\u0090${separator}\u0090`).replace("@", "@\u0090");

  it("reads a barcode with U+0090 around every separator and in the header", () => {
    const { record, failed } = read(padded);
    expect(record).toMatchObject({ ...holder, version: 9, country: "USA" });
    expect(failed).toEqual([]);
    expect(check(padded, "AAMVA stray characters")).toMatchObject({ passed: true, detail: expect.stringMatching(/removed \(U\+0090\), all next to separators/) });
  });

  it("reads one with NUL padding, DEL, a byte-order mark and other C1 codes next to separators", () => {
    const text = `\ufeff${clean}`.replace("DCSHALVORSEN\n", "DCSHALVORSEN\x00\x00\n").replace("DBC2\n", "DBC2\x7f\u0085\n").replace("\nDAJWY", "\n\u009b\u200bDAJWY");
    expect(read(text)).toMatchObject({ record: holder, failed: [] });
  });

  it("keeps the real separators LF, CR, RS, FS and GS and tab: nothing to remove", () => {
    const separators = "DAQ1\nDCS\rX\x1eY\x1cZ\x1dW\tV";
    expect(removeStrayAamvaCharacters(separators)).toEqual({ text: separators, check: null });
    expect(removeStrayAamvaCharacters(padded).text).toBe(clean);
  });

  it("fails the check when a stray character stands between printable characters, where a separator may have been", () => {
    const text = clean.replace("DCSHALVORSEN\nDACBRITTA", "DCSHALVORSEN\u0085DACBRITTA");
    const { record, failed } = read(text);
    expect(record.givenNames).toBe("LOUISE");
    expect(failed.map((item) => item.name)).toContain("AAMVA stray characters");
    expect(check(text, "AAMVA stray characters")?.detail).toMatch(/1 of them between printable characters/);
  });

  it("still refuses a duplicated document number hidden behind stray characters", () => {
    const text = padded.replace("DAQ778812-004", "DAQ778812-004\u0090\n\u0090DAQ778812-004");
    const { record, failed } = read(text);
    expect(record.documentNumber).toBeNull();
    expect(failed.map((item) => item.name)).toContain("AAMVA duplicate elements");
  });

  it("still tells an AAMVA header from other text, and a header without a subfile stays incomplete", () => {
    expect(looksLikeAamva("@\u0090\n\u0090\u0090\n\u0090ANSI 636060090001DL")).toBe(true);
    expect(parseAamva("@\u0090\n\u0090\u0090\n\u0090ANSI 636060090001DL00310010")).toBeNull();
    expect(looksLikeAamva("\u0090WIFI:S:ANSI 636026;;")).toBe(false);
    expect(looksLikeAamva("https://example.com/\u0090ANSI 636026")).toBe(false);
  });
});
