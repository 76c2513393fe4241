import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { Expectation } from "../score-reading";
import type { BenchItem } from "./bench-item";

/**
 * The held-out specimens (real MRZ images and licence barcode texts from public sources) are loaded by
 * lib/documents/testing/specimens/load-specimens.ts, written on another branch. The bench must run without
 * it, so it is imported only if the file exists, and its output is parsed here, loosely, into bench items:
 * ADJUST THIS ADAPTER AT MERGE if the loader's shape differs from what is guessed below.
 */
export const SPECIMENS_DIRECTORY = path.join(process.cwd(), "lib/documents/testing/specimens");
const LOADER = path.join(SPECIMENS_DIRECTORY, "load-specimens.ts");

const MrzExpected = z.object({
  documentNumber: z.string(),
  surname: z.string(),
  givenNames: z.string(),
  dateOfBirth: z.string(),
  expiryDate: z.string(),
});
const MrzSpecimen = z.object({
  file: z.string().optional(),
  image: z.instanceof(Uint8Array).optional(),
  documentClass: z.enum(["TD1", "TD2", "TD3"]),
  expected: z.union([MrzExpected.passthrough(), z.object({ expectRefusal: z.literal(true) }).passthrough()]).optional(),
  expectRefusal: z.boolean().optional(),
});
const AamvaSpecimen = z.object({
  file: z.string().optional(),
  text: z.string().optional(),
  version: z.coerce.number().int(),
  jurisdiction: z.string().optional(),
  expected: z.object({ documentNumber: z.string(), dateOfBirth: z.string(), expiryDate: z.string(), firstName: z.string(), lastName: z.string() }).passthrough(),
});
/** The loader may return { mrz, aamva } or one list of both kinds (told apart by their fields). */
const LoaderOutput = z.union([
  z.object({ mrz: z.array(z.unknown()).default([]), aamva: z.array(z.unknown()).default([]) }).passthrough(),
  z.array(z.unknown()),
]);

export interface HeldOutText {
  id: string;
  version: number;
  jurisdiction: string | null;
  text: string;
  expected: Expectation;
}

export type HeldOutSet =
  | { present: false; why: string }
  | { present: true; mrz: BenchItem[]; texts: HeldOutText[]; skipped: string[] };

function idOf(file: string | undefined, index: number, kind: string): string {
  return file ? path.basename(file) : `${kind}-${index + 1}`;
}

/** A listed file that is missing is skipped with its name, not fatal: the rest of the set still measures. */
async function readBytes(file: string): Promise<Buffer | null> {
  const where = path.isAbsolute(file) ? file : path.join(SPECIMENS_DIRECTORY, file);
  return existsSync(where) ? readFile(where) : null;
}

/** The held-out set, or why there is none. Entries the adapter can't read are listed in `skipped`, not fatal. */
export async function loadHeldOut(): Promise<HeldOutSet> {
  if (!existsSync(LOADER)) return { present: false, why: "not present" };
  const loaded: unknown = await import(pathToFileURL(LOADER).href);
  const exports = z.record(z.string(), z.unknown()).parse(loaded);
  const loader = [exports.loadSpecimens, exports.default].find((candidate) => typeof candidate === "function");
  if (typeof loader !== "function") return { present: false, why: `no loadSpecimens export in ${LOADER}` };
  const output = LoaderOutput.parse(await loader());
  const entries = Array.isArray(output) ? output : [...output.mrz, ...output.aamva];

  const mrz: BenchItem[] = [];
  const texts: HeldOutText[] = [];
  const skipped: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const asMrz = MrzSpecimen.safeParse(entry);
    if (asMrz.success) {
      const specimen = asMrz.data;
      const id = idOf(specimen.file, index, "mrz");
      const image = specimen.image ? Buffer.from(specimen.image) : specimen.file ? await readBytes(specimen.file) : null;
      const reading = MrzExpected.safeParse(specimen.expected);
      const refuse = specimen.expectRefusal === true || (specimen.expected !== undefined && "expectRefusal" in specimen.expected);
      if (!image || (!refuse && !reading.success)) {
        skipped.push(`${id}: ${image ? "no expected values" : "no image"}`);
        continue;
      }
      const expected: Expectation = refuse || !reading.success ? { refuse: true } : reading.data;
      mrz.push({ id, documentClass: specimen.documentClass, variant: refuse ? "expect refusal" : "real image", image, expected });
      continue;
    }
    const asAamva = AamvaSpecimen.safeParse(entry);
    if (asAamva.success) {
      const specimen = asAamva.data;
      const id = idOf(specimen.file, index, "aamva");
      const bytes = specimen.text === undefined && specimen.file ? await readBytes(specimen.file) : null;
      // Barcode texts are bytes (control separators included), so latin1 keeps every one of them as a character.
      const text = specimen.text ?? bytes?.toString("latin1");
      if (text === undefined) {
        skipped.push(`${id}: no barcode text`);
        continue;
      }
      const { documentNumber, dateOfBirth, expiryDate, firstName, lastName } = specimen.expected;
      texts.push({
        id,
        version: specimen.version,
        jurisdiction: specimen.jurisdiction ?? null,
        text,
        // Published values name only the first given name; middle names on the card are not errors.
        expected: { documentNumber, dateOfBirth, expiryDate, surname: lastName, givenNames: firstName, givenNamesFirstOnly: true },
      });
      continue;
    }
    skipped.push(`entry ${index + 1}: ${asMrz.error.issues[0]?.message ?? "unrecognised"}`);
  }
  return { present: true, mrz, texts, skipped };
}
