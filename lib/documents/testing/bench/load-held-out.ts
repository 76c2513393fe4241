import { readFile } from "node:fs/promises";
import type { Expectation } from "../score-reading";
import { loadSpecimens, readAamvaSpecimen, specimenPath, type MrzImageSpecimen } from "../specimens/load-specimens";
import type { BenchItem, DocumentClass } from "./bench-item";

export interface HeldOutText {
  id: string;
  version: number;
  jurisdiction: string | null;
  text: string;
  expected: Expectation;
}

export interface HeldOutSet {
  mrz: BenchItem[];
  texts: HeldOutText[];
}

/** Visas are measured in the row of the document size they share (MRV-A is TD3-sized, MRV-B TD2-sized). */
function classOf(specimen: MrzImageSpecimen): DocumentClass {
  if (specimen.documentClass !== "MRV") return specimen.documentClass;
  const lines = specimen.expectRefusal?.printedMrzLines ?? specimen.expected?.mrzLines ?? [];
  return (lines[0]?.length ?? 44) === 36 ? "TD2" : "TD3";
}

/**
 * The held-out specimens (lib/documents/testing/specimens, README there): real MRZ images and licence
 * barcode texts from public sources with their published values. Measured, never tuned on.
 */
export async function loadHeldOut(): Promise<HeldOutSet> {
  const manifest = loadSpecimens();
  const mrz: BenchItem[] = [];
  for (const specimen of manifest.mrzImages) {
    const expected: Expectation = specimen.expected
      ? { documentNumber: specimen.expected.documentNumber, surname: specimen.expected.surname, givenNames: specimen.expected.givenNames, dateOfBirth: specimen.expected.dateOfBirth, expiryDate: specimen.expected.expiryDate }
      : { refuse: true };
    mrz.push({ id: specimen.id, documentClass: classOf(specimen), variant: specimen.expected ? "real image" : "expect refusal", image: await readFile(specimenPath(specimen.file)), expected });
  }
  const texts = manifest.aamvaTexts.map((specimen) => {
    const { documentNumber, dateOfBirth, expiryDate, firstName, lastName } = specimen.expected;
    return {
      id: specimen.id,
      version: specimen.version,
      jurisdiction: specimen.jurisdiction,
      text: readAamvaSpecimen(specimen),
      // Published values name only the first given name; middle names on the card are not errors.
      expected: { documentNumber, dateOfBirth, expiryDate, surname: lastName, givenNames: firstName, givenNamesFirstOnly: true },
    };
  });
  return { mrz, texts };
}
