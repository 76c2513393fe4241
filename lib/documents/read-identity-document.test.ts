import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdentityDocument, terminateDocumentReaders } from "./index";
import { NAME_READ_CHECK } from "./types";
import {
  addGlare,
  blankImage,
  blurImage,
  buildMrz,
  cropImage,
  renderAamvaBarcode,
  renderMrzImage,
  shrinkImage,
  TEST_IDENTITIES,
  withChromiumPage,
} from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
const images: Record<string, Buffer> = {};

beforeAll(async () => {
  images.aamva = await renderAamvaBarcode(TEST_IDENTITIES.valid);
  await withChromiumPage(async (page) => {
    images.td3 = await renderMrzImage(buildMrz(TEST_IDENTITIES.valid, "TD3"), { page });
    images.td1 = await renderMrzImage(buildMrz(TEST_IDENTITIES.nearMatching, "TD1"), { page });
    images.expired = await renderMrzImage(buildMrz(TEST_IDENTITIES.expired, "TD3"), { page });
    images.forged = await renderMrzImage(buildMrz(TEST_IDENTITIES.forged, "TD1"), { page });
    // A letter B where the birth date needs an 8 (LSTM OCR reads a lone O as 0 by itself, but keeps this B).
    const [line1, line2] = buildMrz(TEST_IDENTITIES.valid, "TD3");
    images.confused = await renderMrzImage([line1!, line2!.slice(0, 13) + "900B12" + line2!.slice(19)], { page });
    // The same look-alike in a date the check digit does not support: must stay uncorrected.
    images.confusedWrong = await renderMrzImage([line1!, line2!.slice(0, 13) + "900B13" + line2!.slice(19)], { page });
  });
}, 120_000);

afterAll(async () => {
  await terminateDocumentReaders();
});

async function read(image: Buffer) {
  return readIdentityDocument(image, { now });
}

describe("readIdentityDocument on generated documents", () => {
  it("reads an AAMVA PDF417 barcode", async () => {
    const result = await read(images.aamva!);
    expect(result).toMatchObject({ ok: true, expired: false, consistent: true, problems: [] });
    if (!result.ok) return;
    expect(result.document).toMatchObject({
      kind: "AAMVA",
      documentType: "DRIVER_LICENSE",
      issuingCountry: "USA",
      issuingJurisdiction: "CA",
      documentNumber: "L898902C3",
      surname: "ERIKSSON",
      givenNames: "ANNA MARIA",
      dateOfBirth: "1990-08-12",
      expiryDate: "2034-05-30",
      sex: "F",
      address: { street: "1200 HARBOR BLVD", city: "SACRAMENTO", state: "CA", postalCode: "95814", country: "USA" },
    });
    expect(result.document.checks.map((check) => check.name)).toContain("AAMVA header");
  }, 60_000);

  it("reads a passport MRZ (TD3) by OCR with every check digit passing", async () => {
    const result = await read(images.td3!);
    expect(result).toMatchObject({ ok: true, expired: false, consistent: true });
    if (!result.ok) return;
    expect(result.document).toMatchObject({
      kind: "MRZ_TD3",
      documentType: "PASSPORT",
      issuingCountry: "USA",
      documentNumber: "L898902C3",
      surname: "ERIKSSON",
      givenNames: "ANNA MARIA",
      dateOfBirth: "1990-08-12",
      expiryDate: "2034-05-30",
      nationality: "USA",
      sex: "F",
      address: null,
    });
    const checkDigits = result.document.checks.filter((check) => check.name.endsWith("check digit"));
    expect(checkDigits).toHaveLength(5);
    expect(checkDigits.every((check) => check.passed)).toBe(true);
  }, 60_000);

  it("reads an ID card MRZ (TD1) with a transliterated name", async () => {
    const result = await read(images.td1!);
    expect(result).toMatchObject({ ok: true, consistent: true });
    if (!result.ok) return;
    expect(result.document).toMatchObject({ kind: "MRZ_TD1", documentType: "ID_CARD", issuingCountry: "ESP", surname: "GARCIA MARQUEZ", givenNames: "JOSE", dateOfBirth: "1979-04-21", documentNumber: "PAB123456", sex: "M" });
  }, 60_000);

  it("flags an expired passport without calling it inconsistent", async () => {
    const result = await read(images.expired!);
    expect(result).toMatchObject({ ok: true, expired: true, document: { expiryDate: "2021-03-15", surname: "OKAFOR", givenNames: "CHIDI" } });
    if (!result.ok) return;
    // Expiry is not an integrity problem: every check digit and date passes. (Whether the name needed OCR
    // guesses depends on the Chromium build that rendered the test image; the decision handles that case.)
    expect(result.document.checks.filter((check) => !check.passed && check.name !== NAME_READ_CHECK)).toEqual([]);
    // The same document read on its last valid day is not expired.
    expect(await readIdentityDocument(images.expired!, { now: new Date("2021-03-15T23:00:00Z") })).toMatchObject({ ok: true, expired: false });
  }, 60_000);

  it("marks a forged check digit inconsistent instead of correcting it", async () => {
    const result = await read(images.forged!);
    expect(result).toMatchObject({ ok: true, consistent: false, document: { corrections: [] } });
    if (!result.ok) return;
    expect(result.problems).toEqual([expect.stringMatching(/^date of birth check digit/)]);
  }, 60_000);

  it("corrects a letter B in the birth date because the check digit confirms it", async () => {
    const result = await read(images.confused!);
    expect(result).toMatchObject({ ok: true, consistent: true, document: { dateOfBirth: "1990-08-12" } });
    if (!result.ok) return;
    expect(result.document.corrections).toEqual([expect.stringContaining('date of birth: read "900B124", corrected to "9008124"')]);
  }, 60_000);

  it("does not correct a look-alike the check digit contradicts", async () => {
    const result = await read(images.confusedWrong!);
    expect(result).toMatchObject({ ok: true, consistent: false, document: { corrections: [], dateOfBirth: null } });
    if (!result.ok) return;
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^date of birth check digit/), expect.stringMatching(/^composite check digit/)]));
  }, 60_000);
});

describe("readIdentityDocument failures carry a specific hint", () => {
  it.each([
    ["a blank frame", () => blankImage(), "NOT_FOUND", "not_a_document"],
    ["a blurred passport", () => blurImage(images.td3!), "UNREADABLE", "blur"],
    ["a passport with a reflection over the MRZ", () => addGlare(images.td3!), "UNREADABLE", "glare"],
    ["an ID card cut off on the right", () => cropImage(images.td1!), "UNREADABLE", "cropped"],
    ["a barcode cut off on the right", () => cropImage(images.aamva!), "UNREADABLE", "cropped"],
    ["a thumbnail with glyphs two pixels wide", () => shrinkImage(images.td3!, 120), "UNREADABLE", "low_resolution"],
    ["a file that is not an image", async () => Buffer.from("%PDF-1.7 not an image"), "UNSUPPORTED", "unsupported_format"],
  ] as const)("%s", async (_label, make, reason, hint) => {
    const result = await read(await make());
    expect(result).toMatchObject({ ok: false, failure: { reason, hint } });
    if (!result.ok) expect(result.failure.message.length).toBeGreaterThan(40);
  }, 60_000);

  it("refuses photos over 12 MB before decoding them", async () => {
    const huge = new Uint8Array(12 * 1024 * 1024 + 1);
    expect(await read(Buffer.from(huge))).toMatchObject({ ok: false, failure: { reason: "TOO_LARGE" } });
  });

  it("applies EXIF orientation before decoding", async () => {
    // Stored rotated by 90° with an EXIF tag saying so, as phones do.
    const rotated = await sharp(images.aamva!).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect(await read(rotated)).toMatchObject({ ok: true, document: { kind: "AAMVA", surname: "ERIKSSON" } });
  }, 60_000);
});
