import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdentityDocument, terminateDocumentReaders } from "./index";
import {
  blurImage,
  buildMrz,
  lowLightImage,
  perspectiveImage,
  phoneJpeg,
  renderMrzImage,
  securityBackgroundImage,
  sideShadowImage,
  TEST_IDENTITIES,
  tiltImage,
  toVisaMrz,
  withChromiumPage,
  type MrzFormat,
  type TestIdentity,
} from "./testing";

/**
 * MRZs in the real OCR-B font, photographed the ways phones photograph them (issue 13). Each holder has
 * what tesseract used to break on: fillers between names, zeros and O's in the number, a hyphen and an
 * apostrophe in the names.
 */
const HOLDERS: Record<MrzFormat, TestIdentity> = {
  TD3: { ...TEST_IDENTITIES.valid, surname: "O'Connor-Lee", givenNames: "Siobhan Mary", documentNumber: "C01X00T47", dateOfBirth: "1968-03-12" },
  TD1: { ...TEST_IDENTITIES.valid, surname: "Van der Berg", givenNames: "Jan", documentNumber: "ER001D0O1", dateOfBirth: "1975-11-30" },
  TD2: { ...TEST_IDENTITIES.valid, surname: "Kowalczyk", givenNames: "Zbigniew Adam", documentNumber: "P0000000", dateOfBirth: "1959-07-01" },
};

const EXPECTED_NAMES: Record<MrzFormat, { surname: string; givenNames: string }> = {
  TD3: { surname: "O CONNOR LEE", givenNames: "SIOBHAN MARY" },
  TD1: { surname: "VAN DER BERG", givenNames: "JAN" },
  TD2: { surname: "KOWALCZYK", givenNames: "ZBIGNIEW ADAM" },
};

const PHOTOS: [string, (png: Buffer) => Promise<Buffer>][] = [
  ["as rendered", async (png) => png],
  ["tilted 15° clockwise", (png) => tiltImage(png, 15)],
  ["tilted 9° anticlockwise", (png) => tiltImage(png, -9)],
  ["in perspective, tilted 4°", (png) => perspectiveImage(png, 0.14, 4)],
  ["upside down", (png) => sharp(png).rotate(180).jpeg({ quality: 80 }).toBuffer()],
  ["turned a quarter (portrait photo)", (png) => sharp(png).rotate(90).jpeg({ quality: 80 }).toBuffer()],
  ["in low light", lowLightImage],
  ["slightly out of focus", (png) => blurImage(png, 1.2)],
  ["as a 320 px messenger thumbnail", (png) => phoneJpeg(png, 320, 70)],
  ["over a security background", securityBackgroundImage],
  ["half in the phone's shadow", sideShadowImage],
];

const originals: Partial<Record<MrzFormat | "forged" | "visa", Buffer>> = {};

beforeAll(async () => {
  await withChromiumPage(async (page) => {
    for (const format of ["TD1", "TD2", "TD3"] as const) originals[format] = await renderMrzImage(buildMrz(HOLDERS[format], format), { page });
    originals.forged = await renderMrzImage(buildMrz({ ...HOLDERS.TD3, forgedCheckDigit: "expiryDate" }, "TD3"), { page });
    originals.visa = await renderMrzImage(toVisaMrz(buildMrz(HOLDERS.TD3, "TD3")), { page });
  });
}, 120_000);

afterAll(async () => {
  await terminateDocumentReaders();
});

describe.each(["TD3", "TD1", "TD2"] as const)("an OCR-B %s", (format) => {
  it.each(PHOTOS)("is read field for field when %s", async (_label, photograph) => {
    const holder = HOLDERS[format];
    const result = await readIdentityDocument(await photograph(originals[format]!));
    expect(result).toMatchObject({
      ok: true,
      consistent: true,
      problems: [],
      document: {
        kind: `MRZ_${format}`,
        documentNumber: holder.documentNumber,
        dateOfBirth: holder.dateOfBirth,
        expiryDate: holder.expiryDate,
        ...EXPECTED_NAMES[format],
      },
    });
  }, 30_000);
});

describe("what the OCR-B reader refuses", () => {
  it("keeps a forged check digit a failure at any tilt, never reading it into a valid one", async () => {
    for (const degrees of [0, 12]) {
      const result = await readIdentityDocument(await tiltImage(originals.forged!, degrees));
      expect(result).toMatchObject({ ok: true, consistent: false });
      if (result.ok) expect(result.problems).toEqual([expect.stringMatching(/^expiry date check digit/)]);
    }
  }, 30_000);

  it("refuses a visa by its document code", async () => {
    const result = await readIdentityDocument(await tiltImage(originals.visa!, 6));
    expect(result).toMatchObject({ ok: false, failure: { reason: "UNSUPPORTED", hint: "unsupported_document" } });
  }, 30_000);
});
