import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The held-out specimen set (README.md in this folder): public MRZ images and AAMVA barcode texts with the values
 * their publishers gave. The project measures the reader on it and must never tune on it, so nothing here is
 * generated: every item names the repository, path and commit it came from and the licence it is used under.
 */
export const SPECIMENS_DIRECTORY = import.meta.dirname;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

const sourceSchema = z.object({
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  path: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  licence: z.string().min(3),
  url: z.string().url().optional(),
});

const mrzLine = z.string().regex(/^[A-Z0-9<]+$/, "MRZ alphabet only");

const mrzExpectedSchema = z.object({
  mrzLines: z.array(mrzLine).min(2).max(3),
  /** Fillers removed. */
  documentNumber: z.string().min(1),
  dateOfBirth: isoDate,
  expiryDate: isoDate,
  /** Fillers as single spaces, as the reader reports them. */
  surname: z.string(),
  givenNames: z.string(),
  /** As printed without fillers, ICAO "D" as DEU; null where the field is empty. */
  nationality: z.string().nullable(),
  issuingCountry: z.string(),
});

const mrzImageSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    file: z.string().regex(/^images\/[\w.-]+\.(jpg|png)$/),
    source: sourceSchema,
    documentClass: z.enum(["TD1", "TD2", "TD3", "MRV"]),
    expected: mrzExpectedSchema.optional(),
    /** A genuine image the reader must refuse (or never accept as consistent), and why. */
    expectRefusal: z.object({ reason: z.string().min(10), printedMrzLines: z.array(z.string()).min(2).max(3) }).optional(),
    note: z.string().optional(),
    reencoded: z.string().optional(),
  })
  .refine((item) => (item.expected === undefined) !== (item.expectRefusal === undefined), "exactly one of expected / expectRefusal");

const aamvaTextSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The decoded barcode text, byte for byte (LF, RS and CR separators kept). */
  file: z.string().regex(/^aamva\/[\w.-]+\.txt$/),
  source: sourceSchema,
  version: z.number().int().min(0).max(10),
  issuerIdentificationNumber: z.string().regex(/^\d{6}$/),
  jurisdiction: z.string().regex(/^[A-Z]{2}$/),
  country: z.enum(["USA", "CAN"]),
  expected: z.object({
    documentNumber: z.string().min(1),
    dateOfBirth: isoDate,
    expiryDate: isoDate,
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    middleName: z.string().optional(),
  }),
  /** Where in the source the expected values are published. */
  expectedFrom: z.string(),
  note: z.string().optional(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  heldOut: z.literal(true),
  description: z.string(),
  mrzImages: z.array(mrzImageSchema).min(1),
  aamvaTexts: z.array(aamvaTextSchema).min(1),
});

export type SpecimenManifest = z.infer<typeof manifestSchema>;
export type MrzImageSpecimen = SpecimenManifest["mrzImages"][number];
export type AamvaTextSpecimen = SpecimenManifest["aamvaTexts"][number];

/** Reads and validates specimens.json; throws on a malformed manifest so a bad edit can't pass silently. */
export function loadSpecimens(): SpecimenManifest {
  const raw: unknown = JSON.parse(readFileSync(path.join(SPECIMENS_DIRECTORY, "specimens.json"), "utf8"));
  return manifestSchema.parse(raw);
}

/** The absolute path of a specimen file named in the manifest. */
export function specimenPath(file: string): string {
  return path.join(SPECIMENS_DIRECTORY, file);
}

/**
 * The AAMVA text as the source's own tests feed it to their parser: the files are UTF-8 text (IdParser reads them
 * with File.ReadAllText), so they are decoded as UTF-8 and a byte-order mark, an artefact of the file and not of
 * the barcode, is dropped. The file itself stays byte for byte as published.
 */
export function readAamvaSpecimen(specimen: AamvaTextSpecimen): string {
  return readFileSync(specimenPath(specimen.file), "utf8").replace(/^\uFEFF/, "");
}
