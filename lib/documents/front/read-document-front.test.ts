import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blurImage, perspectiveImage, phoneJpeg, renderCardFront, TEST_IDENTITIES, withChromiumPage } from "@/lib/documents/testing";
import { terminateDocumentReaders } from "@/lib/documents";
import { cropPortrait } from "@/lib/face/testing/crop-portrait";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { readDocumentFront } from "./read-document-front";

const person = TEST_IDENTITIES.valid;
const expected = { documentNumber: person.documentNumber, dateOfBirth: person.dateOfBirth, surname: person.surname };

let licence: Buffer;
let idCard: Buffer;
/** Same name, another number and birth date: the front of someone else's card. */
let otherCard: Buffer;

/** A phone photo of a card lying on a table: the card smaller in the frame, slightly turned, re-encoded. */
async function onTheTable(card: Buffer, degrees: number): Promise<Buffer> {
  const turned = await sharp(card).rotate(degrees, { background: "#6b5b4b" }).png().toBuffer();
  return sharp(turned).extend({ top: 160, bottom: 160, left: 220, right: 220, background: "#6b5b4b" }).resize({ width: 1600 }).jpeg({ quality: 80 }).toBuffer();
}

describe("readDocumentFront: the printed side of a card, matched to the values read from its back", () => {
  beforeAll(async () => {
    const portrait = await cropPortrait(await readFaceSetImage("fr-obama-1.jpg"));
    await withChromiumPage(async (page) => {
      licence = await renderCardFront(person, { page, portrait, layout: "US_LICENCE" });
      idCard = await renderCardFront(person, { page, portrait, layout: "EU_ID_CARD" });
      otherCard = await renderCardFront(person, { page, layout: "US_LICENCE", documentNumber: "D5550137", dateOfBirth: "1984-02-29" });
    });
  }, 120_000);
  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("a US licence front and a European ID card front, straight on", { timeout: 60_000 }, async () => {
    for (const card of [licence, idCard]) {
      expect((await readDocumentFront(card, expected)).match).toEqual({ documentNumber: true, dateOfBirth: true, surname: true, sameDocument: true });
    }
  });

  it("phone photos: JPEG-compressed, in perspective, a little blurred, on a table at a slant", { timeout: 120_000 }, async () => {
    const photos = [await phoneJpeg(licence, 1200, 70), await perspectiveImage(licence, 0.12, 4), await blurImage(licence, 1.2), await onTheTable(licence, 6), await onTheTable(idCard, -5)];
    for (const [index, photo] of photos.entries()) expect((await readDocumentFront(photo, expected)).match.sameDocument, `photo ${index}`).toBe(true);
  });

  it("a card photographed sideways or upside down is turned until it reads", { timeout: 120_000 }, async () => {
    const sideways = await sharp(licence).rotate(90).jpeg({ quality: 85 }).toBuffer();
    expect(await readDocumentFront(sideways, expected)).toMatchObject({ match: { sameDocument: true }, rotation: 270 });
    const upsideDown = await sharp(idCard).rotate(180).jpeg({ quality: 85 }).toBuffer();
    expect(await readDocumentFront(upsideDown, expected)).toMatchObject({ match: { sameDocument: true }, rotation: 180 });
  });

  it("the front of another card does not bind, even with the same name", { timeout: 120_000 }, async () => {
    expect((await readDocumentFront(otherCard, expected)).match).toMatchObject({ documentNumber: false, dateOfBirth: false, surname: true, sameDocument: false });
  });
});
