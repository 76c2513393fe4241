import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { readIdentityDocument, terminateDocumentReaders } from "./index";
import { parseAamva } from "./parse-aamva";
import { toAamvaDocument } from "./read-aamva-document";
import { buildAamvaText, perspectiveImage, phoneJpeg, renderAamvaBarcode, TEST_IDENTITIES, tiltImage } from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
const text = buildAamvaText(TEST_IDENTITIES.valid);
let licence: Buffer;

beforeAll(async () => {
  licence = await renderAamvaBarcode(TEST_IDENTITIES.valid, { text });
});
afterAll(() => terminateDocumentReaders());

/** Keystone across the bars: the top edge further from the camera than the bottom, so the bars converge. */
async function keystoneAcrossBars(png: Buffer, share: number, degrees: number): Promise<Buffer> {
  const turned = await sharp(png).rotate(90).png().toBuffer();
  const slanted = await perspectiveImage(turned, share, 0);
  return sharp(slanted).rotate(-90 + degrees, { background: "#d8d4cc" }).jpeg({ quality: 80 }).toBuffer();
}

/** The document the clean barcode text reads as, checks included: a misdecoded photo differs in some field. */
function expectedDocument() {
  const record = parseAamva(text);
  if (!record) throw new Error("the test licence text does not parse");
  return toAamvaDocument(record, now);
}

describe("a licence back photographed at a slant (issue 13)", () => {
  // Before: the upright read and its 4°-step sweep read none of the tilted ones; at 0.12 and 6° or -2° zxing
  // returned a different licence text, "corrected" with every error correction codeword the symbol had.
  it.each([
    ["far edge 12% shorter, tilted 6°", () => perspectiveImage(licence, 0.12, 6)],
    ["far edge 12% shorter, tilted -6°", () => perspectiveImage(licence, 0.12, -6)],
    ["far edge 12% shorter, tilted -2°", () => perspectiveImage(licence, 0.12, -2)],
    ["far edge 15% shorter, square", () => perspectiveImage(licence, 0.15, 0)],
    ["far edge 15% shorter, tilted 2°", () => perspectiveImage(licence, 0.15, 2)],
    ["far edge 15% shorter, tilted -10°", () => perspectiveImage(licence, 0.15, -10)],
    ["top edge 15% shorter, tilted -10°", () => keystoneAcrossBars(licence, 0.15, -10)],
    ["tilted 15° and saved as a small low-quality JPEG", async () => phoneJpeg(await tiltImage(licence, 15), 1000, 55)],
  ])("reads every field when the %s", async (_label, photo) => {
    const result = await readIdentityDocument(await photo(), { now });
    expect(result).toMatchObject({ ok: true, consistent: true });
    expect(result.ok && result.document).toEqual(expectedDocument());
  }, 60_000);
});
