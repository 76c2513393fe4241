import { buildAamvaSpecimen, specimenDate } from "../build-aamva-version-text";
import { perspectiveImage, tiltImage } from "../degrade-image";
import { renderAamvaBarcode } from "../render-aamva-barcode";
import type { ExpectedReading } from "../score-reading";
import { TEST_IDENTITIES } from "../test-identities";
import type { BenchItem, BenchSetSize } from "./bench-item";
import { seededRandom, type SyntheticPerson } from "./synthetic-people";

/** Licence barcodes carry upper-case Latin letters; hyphens, apostrophes and spaces stay. */
function licenceName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase();
}

interface LicenceText {
  label: string;
  version: number;
  text: string;
  expected: ExpectedReading;
}

/** Every AAMVA version 1–10, US and Canadian, each for a different holder (versions differ in name and date elements). */
export function syntheticLicenceTexts(people: SyntheticPerson[]): LicenceText[] {
  const texts: LicenceText[] = [];
  for (const country of ["USA", "CAN"] as const) {
    for (let version = 1; version <= 10; version++) {
      const person = people[(country === "USA" ? 0 : 10) + version - 1];
      if (!person) continue;
      const { identity } = person;
      const surname = licenceName(identity.surname);
      const [first = "", ...middle] = licenceName(identity.givenNames).split(/\s+/);
      const date = (iso: string) => specimenDate(iso, version, country);
      // Overrides keep the version's own element layout: DAA for version 1, DCT for 2–3, DAC/DAD from 4.
      const names: [string, string][] =
        version === 1 ? [["DAA", `${surname},${first},${middle.join(" ")}`]] : version <= 3 ? [["DCS", surname], ["DCT", [first, ...middle].join(",")]] : [["DCS", surname], ["DAC", first], ["DAD", middle.join(" ") || "NONE"]];
      const number = identity.documentNumber.slice(0, 9);
      const extra: [string, string][] = [["DAQ", number], ...names, ["DBB", date(identity.dateOfBirth)], ["DBA", date(identity.expiryDate)], ["DBD", date(identity.issueDate)]];
      texts.push({
        label: `aamva-v${version}-${country.toLowerCase()}`,
        version,
        text: buildAamvaSpecimen({ version, country, extra }),
        expected: { documentNumber: number, surname, givenNames: [first, ...middle].join(" "), dateOfBirth: identity.dateOfBirth, expiryDate: identity.expiryDate },
      });
    }
  }
  return texts;
}

/** Groups hand-held tilts the way the issue states its target (≤ 15°). */
export function tiltVariant(degrees: number): string {
  const size = Math.abs(degrees);
  return size === 0 ? "clean" : size <= 5 ? "tilt 1–5°" : size <= 10 ? "tilt 6–10°" : "tilt 11–15°";
}

/** Renders a barcode text as a licence back, exactly as given (held-out texts included). */
export function renderLicenceText(text: string): Promise<Buffer> {
  return renderAamvaBarcode(TEST_IDENTITIES.valid, { text });
}

/**
 * Licence backs: each text clean and in mild perspective, and every whole degree from -15° to 15° (0 aside)
 * spread over the texts, once in the small set, twice in the full one.
 */
export async function* licenceItems(people: SyntheticPerson[], size: BenchSetSize, seed: number): AsyncGenerator<BenchItem> {
  const random = seededRandom(seed ^ 0xaa17a);
  const texts = syntheticLicenceTexts(people);
  const angles = Array.from({ length: 31 }, (_, index) => index - 15).filter((degrees) => degrees !== 0);
  const tilts = size === "full" ? [...angles, ...angles] : angles;
  for (const [index, licence] of texts.entries()) {
    const png = await renderLicenceText(licence.text);
    const item = (variant: string, image: Buffer, suffix = variant): BenchItem => ({
      id: `${licence.label}-${suffix.replace(/[^a-z0-9-]+/gi, "-")}`,
      documentClass: "AAMVA",
      variant,
      image,
      expected: licence.expected,
      barcodeText: licence.text,
      aamvaVersion: licence.version,
    });
    yield item("clean", png);
    yield item("perspective", await perspectiveImage(png, 0.1, Math.round(random() * 6 - 3)));
    for (let tilt = index; tilt < tilts.length; tilt += texts.length) {
      const degrees = tilts[tilt] ?? 0;
      yield item(tiltVariant(degrees), await tiltImage(png, degrees), `tilt${degrees}`);
    }
  }
}
