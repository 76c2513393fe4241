import type { Page } from "@playwright/test";
import { computeCheckDigit } from "../../compute-check-digit";
import { buildMrz, type MrzFormat } from "../build-mrz";
import { addGlare, blurImage, lowLightImage, perspectiveImage, phoneJpeg, tiltImage } from "../degrade-image";
import { securityBackgroundImage, sensorNoiseImage, sideShadowImage } from "../degrade-image-photo";
import { renderMrzImage } from "../render-mrz-image";
import type { ExpectedReading } from "../score-reading";
import type { BenchItem, BenchSetSize } from "./bench-item";
import { seededRandom, type SyntheticPerson } from "./synthetic-people";

/**
 * The names exactly as the MRZ holds them (truncated where the field is full, separators as fillers), so a
 * reader is not blamed for what the document itself cut off.
 */
export function namesInMrz(lines: string[], format: MrzFormat): { surname: string; givenNames: string } {
  const field = format === "TD1" ? (lines[2] ?? "") : (lines[0] ?? "").slice(5);
  const [surname = "", ...given] = field.split("<<");
  const words = (text: string) => text.split("<").filter(Boolean).join(" ");
  return { surname: words(surname), givenNames: words(given.join("<")) };
}

/** Where the 9-character document number sits: TD1 line 1 from column 6, TD2/TD3 line 2 from column 1. */
function numberPosition(format: MrzFormat): { line: number; start: number } {
  return format === "TD1" ? { line: 0, start: 5 } : { line: 1, start: 0 };
}

/** OCR's favourite confusions first, so the forgery is also what a careless "correction" would produce. */
const LOOKALIKE: Record<string, string> = { "0": "O", O: "0", "1": "I", I: "1", "8": "B", B: "8", "5": "S", S: "5", "2": "Z", Z: "2" };

/**
 * One character of the printed number changed, its check digit left as issued: what a forger editing the
 * number does. Only changes the check digit can see are made (a change by a multiple of 10 in ICAO value is
 * invisible to it, and no reader can be asked to refuse that).
 */
export function forgeNumberCharacter(lines: string[], format: MrzFormat, random: () => number): string[] {
  const { line, start } = numberPosition(format);
  const text = lines[line] ?? "";
  const number = text.slice(start, start + 9);
  const printedCheck = text.charAt(start + 9);
  const candidates = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let attempt = 0; attempt < 50; attempt++) {
    const position = Math.floor(random() * 9);
    const original = number.charAt(position);
    if (original === "<") continue;
    const replacement = attempt < 9 && LOOKALIKE[original] ? LOOKALIKE[original] : candidates.charAt(Math.floor(random() * candidates.length));
    if (replacement === original) continue;
    const forged = number.slice(0, position) + replacement + number.slice(position + 1);
    if (String(computeCheckDigit(forged)) === printedCheck) continue;
    const copy = [...lines];
    copy[line] = text.slice(0, start) + forged + text.slice(start + 9);
    return copy;
  }
  throw new Error(`No detectable single-character forgery found for ${number}`);
}

interface RenderedPerson {
  person: SyntheticPerson;
  png: Buffer;
  expected: ExpectedReading;
  tiltSign: 1 | -1;
}

export interface RenderedMrzSet {
  people: RenderedPerson[];
  forgeries: BenchItem[];
}

/**
 * The people the small set keeps, by index within their format: a German "D<<" holder in each, plus an
 * apostrophe and a truncated name (TD3), an apostrophe and a 12-character number (TD1), a 12-character number
 * and a full name field (TD2).
 */
const SMALL_SET: Record<MrzFormat, number[]> = { TD3: [1, 4, 8], TD1: [1, 7, 8], TD2: [1, 2, 7] };

function chosen(people: SyntheticPerson[], size: BenchSetSize): SyntheticPerson[] {
  if (size === "full") return people;
  const seen = { TD1: 0, TD2: 0, TD3: 0 };
  return people.filter((person) => SMALL_SET[person.format].includes(seen[person.format]++));
}

/** Renders every clean document and every forgery on one Chromium page (rendering is the slow part of generating). */
export async function renderMrzSet(page: Page, people: SyntheticPerson[], size: BenchSetSize, seed: number): Promise<RenderedMrzSet> {
  const random = seededRandom(seed ^ 0x5eed);
  const rendered: RenderedPerson[] = [];
  for (const person of chosen(people, size)) {
    const lines = buildMrz(person.identity, person.format, { corruptCheckDigit: null });
    const { identity } = person;
    rendered.push({
      person,
      png: await renderMrzImage(lines, { page }),
      expected: { documentNumber: identity.documentNumber, dateOfBirth: identity.dateOfBirth, expiryDate: identity.expiryDate, ...namesInMrz(lines, person.format) },
      tiltSign: random() < 0.5 ? -1 : 1,
    });
  }

  // Forgeries of people whose number fits the 9-character field, so the edited character sits where the check digit covers it.
  const forgeable = people.filter((person) => person.identity.documentNumber.length <= 9);
  const kinds: { field: "documentNumber" | "dateOfBirth" | "expiryDate"; variant: "forged check digit" | "forged number character" }[] =
    size === "full"
      ? [
          { field: "documentNumber", variant: "forged check digit" },
          { field: "dateOfBirth", variant: "forged check digit" },
          { field: "expiryDate", variant: "forged check digit" },
          { field: "documentNumber", variant: "forged number character" },
          { field: "documentNumber", variant: "forged number character" },
          { field: "documentNumber", variant: "forged number character" },
        ]
      : [
          { field: "documentNumber", variant: "forged check digit" },
          { field: "dateOfBirth", variant: "forged check digit" },
          { field: "documentNumber", variant: "forged number character" },
        ];
  const forgeries: BenchItem[] = [];
  for (const format of ["TD1", "TD2", "TD3"] as const) {
    const ofFormat = forgeable.filter((person) => person.format === format);
    for (const [index, kind] of kinds.entries()) {
      const person = ofFormat[(index * 3 + 1) % ofFormat.length];
      if (!person) continue;
      const lines =
        kind.variant === "forged check digit"
          ? buildMrz(person.identity, format, { corruptCheckDigit: kind.field })
          : forgeNumberCharacter(buildMrz(person.identity, format, { corruptCheckDigit: null }), format, random);
      forgeries.push({
        id: `${person.identity.label}-${kind.variant.replace(/ /g, "-")}-${kind.field}-${index}`,
        documentClass: format,
        variant: kind.variant,
        image: await renderMrzImage(lines, { page }),
        expected: { refuse: true, forgedField: kind.field },
      });
    }
  }
  return { people: rendered, forgeries };
}

/** The degraded photos of a document, by name; clean is always read. */
const DEGRADATIONS: [string, (png: Buffer, tiltSign: 1 | -1) => Promise<Buffer>][] = [
  // One sign per person and magnitude, alternating, so both directions are measured without doubling the set.
  ["tilt ±5°", (png, sign) => tiltImage(png, sign * 5)],
  ["tilt ±10°", (png, sign) => tiltImage(png, -sign * 10)],
  ["tilt ±15°", (png, sign) => tiltImage(png, sign * 15)],
  ["perspective", (png, sign) => perspectiveImage(png, 0.1, sign * 2)],
  ["blur σ1.2", (png) => blurImage(png, 1.2)],
  ["glare", (png) => addGlare(png)],
  ["low light", (png) => lowLightImage(png)],
  ["phone JPEG 1200px q70", (png) => phoneJpeg(png, 1200, 70)],
  ["security background", (png) => securityBackgroundImage(png)],
  ["side shadow", (png) => sideShadowImage(png)],
  ["sensor noise", (png) => sensorNoiseImage(png)],
  ["strong perspective", (png, sign) => perspectiveImage(png, 0.2, sign * 5)],
  ["thumbnail 320px", (png) => phoneJpeg(png, 320, 70)],
];

/**
 * The photo variants of one clean document, made only when the bench gets to them (they are the bulk of the
 * memory). The small set reads every variant of its 9 people; the full set every other variant of each of its
 * 30 (alternating by person, so each class × variant still has 5), which keeps a full run near 4 minutes at
 * ~1 s per MRZ read. personIndex is the position in the full list of people, whose parity alternates within
 * each format (10 per format).
 */
export async function* mrzVariants(rendered: RenderedPerson, size: BenchSetSize, personIndex: number): AsyncGenerator<BenchItem> {
  const { person, png, expected, tiltSign } = rendered;
  const item = (variant: string, image: Buffer): BenchItem => ({
    id: `${person.identity.label}-${variant.replace(/[^a-z0-9]+/gi, "-")}`,
    documentClass: person.format,
    variant,
    image,
    expected,
  });
  yield item("clean", png);
  for (const [index, [variant, degrade]] of DEGRADATIONS.entries()) {
    if (size === "full" && (index + personIndex) % 2 === 1) continue;
    yield item(variant, await degrade(png, tiltSign));
  }
}
