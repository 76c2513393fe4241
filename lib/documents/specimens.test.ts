import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeCheckDigit } from "./compute-check-digit";
import { parseAamva } from "./parse-aamva";
import { loadSpecimens, readAamvaSpecimen, specimenPath, type MrzImageSpecimen } from "./testing/specimens/load-specimens";

// The held-out set (lib/documents/testing/specimens/README.md): this file checks the set itself and the AAMVA
// parser on it. The MRZ OCR is measured, not asserted, by lib/cli/run-specimens.ts.
const manifest = loadSpecimens();

type Field = { name: string; value: string; digit: string };

/** The check-digit-covered fields of an MRZ, per ICAO 9303 Parts 4-7 (visas carry no composite). */
function checkedFields(documentClass: MrzImageSpecimen["documentClass"], lines: string[]): Field[] {
  const [first = "", second = ""] = lines;
  if (documentClass === "TD1") {
    return [
      { name: "document number", value: first.slice(5, 14), digit: first.charAt(14) },
      { name: "date of birth", value: second.slice(0, 6), digit: second.charAt(6) },
      { name: "expiry date", value: second.slice(8, 14), digit: second.charAt(14) },
      { name: "composite", value: first.slice(5, 30) + second.slice(0, 7) + second.slice(8, 15) + second.slice(18, 29), digit: second.charAt(29) },
    ];
  }
  const fields: Field[] = [
    { name: "document number", value: second.slice(0, 9), digit: second.charAt(9) },
    { name: "date of birth", value: second.slice(13, 19), digit: second.charAt(19) },
    { name: "expiry date", value: second.slice(21, 27), digit: second.charAt(27) },
  ];
  if (documentClass === "TD2") fields.push({ name: "composite", value: second.slice(0, 10) + second.slice(13, 20) + second.slice(21, 35), digit: second.charAt(35) });
  if (documentClass === "TD3") {
    const personal = second.slice(28, 42);
    // ICAO allows "<" as the personal number's check digit when the field is all fillers.
    fields.push({ name: "personal number", value: personal, digit: /^<+$/.test(personal) && second.charAt(42) === "<" ? "0" : second.charAt(42) });
    fields.push({ name: "composite", value: second.slice(0, 10) + second.slice(13, 20) + second.slice(21, 43), digit: second.charAt(43) });
  }
  return fields;
}

const SHAPES = { TD1: [3, 30], TD2: [2, 36], TD3: [2, 44] } as const;
const MRV_WIDTHS = [36, 44];

function failedCheckDigits(item: MrzImageSpecimen, lines: string[]): string[] {
  return checkedFields(item.documentClass, lines)
    .filter((field) => String(computeCheckDigit(field.value)) !== field.digit)
    .map((field) => `${field.name}: ${field.value} → ${computeCheckDigit(field.value)}, printed ${field.digit}`);
}

describe("held-out specimens: the manifest", () => {
  it("is marked held out and names a source and licence for every item", () => {
    expect(manifest.heldOut).toBe(true);
    const ids = [...manifest.mrzImages, ...manifest.aamvaTexts].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(manifest.mrzImages.length).toBeGreaterThanOrEqual(15);
    expect(manifest.aamvaTexts.length).toBeGreaterThanOrEqual(10);
  });

  it("has every image on disk within the size budget", () => {
    let total = 0;
    for (const item of manifest.mrzImages) {
      const file = specimenPath(item.file);
      expect(existsSync(file), item.file).toBe(true);
      const size = statSync(file).size;
      expect(size, item.file).toBeLessThanOrEqual(400_000);
      total += size;
    }
    expect(total).toBeLessThanOrEqual(6_000_000);
  });

  it("has every AAMVA text on disk byte for byte as recorded", () => {
    for (const item of manifest.aamvaTexts) {
      const bytes = readFileSync(specimenPath(item.file));
      expect(bytes.length, item.file).toBe(item.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), item.file).toBe(item.sha256);
    }
  });

  it("covers every AAMVA version 1-10 and both countries", () => {
    const versions = new Set(manifest.aamvaTexts.map((item) => item.version));
    for (let version = 1; version <= 10; version++) expect(versions.has(version), `version ${version}`).toBe(true);
    expect(new Set(manifest.aamvaTexts.map((item) => item.country))).toEqual(new Set(["USA", "CAN"]));
  });
});

describe("held-out specimens: MRZ transcriptions pass their ICAO check digits", () => {
  for (const item of manifest.mrzImages) {
    const expected = item.expected;
    if (!expected) continue;
    it(`${item.id} (${item.documentClass})`, () => {
      const [rows, width] = item.documentClass === "MRV" ? [2, expected.mrzLines[1]?.length ?? 0] : SHAPES[item.documentClass];
      if (item.documentClass === "MRV") expect(MRV_WIDTHS).toContain(width);
      expect(expected.mrzLines).toHaveLength(rows);
      for (const line of expected.mrzLines) expect(line).toHaveLength(width);
      expect(failedCheckDigits(item, expected.mrzLines)).toEqual([]);
      const numberField = checkedFields(item.documentClass, expected.mrzLines)[0]!;
      expect(numberField.value.replace(/</g, "")).toBe(expected.documentNumber);
    });
  }

  // Visas are refused for what they are; their zones must still be transcribed right.
  for (const item of manifest.mrzImages.filter((specimen) => specimen.documentClass === "MRV")) {
    it(`${item.id} (visa) verifies its number and dates`, () => {
      expect(failedCheckDigits(item, item.expectRefusal?.printedMrzLines ?? [])).toEqual([]);
    });
  }
});

describe("held-out specimens: parseAamva reads the published values", () => {
  for (const item of manifest.aamvaTexts) {
    it(`${item.id} (version ${item.version}, ${item.jurisdiction})`, () => {
      const record = parseAamva(readAamvaSpecimen(item));
      expect(record, "parsed at all").not.toBeNull();
      const firstName = record?.givenNames?.split(" ")[0] ?? null;
      expect({
        documentNumber: record?.documentNumber,
        dateOfBirth: record?.dateOfBirth,
        expiryDate: record?.expiryDate,
        firstName,
        lastName: record?.surname,
        version: record?.version,
        country: record?.country,
      }).toEqual({
        documentNumber: item.expected.documentNumber,
        dateOfBirth: item.expected.dateOfBirth,
        expiryDate: item.expected.expiryDate,
        firstName: item.expected.firstName,
        lastName: item.expected.lastName,
        version: item.version,
        country: item.country,
      });
    });
  }
});
