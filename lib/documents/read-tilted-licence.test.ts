import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdentityDocument, terminateDocumentReaders } from "./index";
import { renderAamvaBarcode, TEST_IDENTITIES, tiltImage } from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
let licence: Buffer;

beforeAll(async () => {
  licence = await renderAamvaBarcode(TEST_IDENTITIES.valid);
});
afterAll(() => terminateDocumentReaders());

describe("a licence back photographed by hand (issue 13)", () => {
  // The line-by-line PDF417 decoder alone read nothing from 3° on; hand-held photos are rarely square.
  it.each([-15, -11, -7, -3, 3, 6, 10, 13, 15])("reads the barcode tilted by %i°", async (degrees) => {
    const result = await readIdentityDocument(await tiltImage(licence, degrees), { now });
    expect(result).toMatchObject({ ok: true, consistent: true, document: { kind: "AAMVA", surname: TEST_IDENTITIES.valid.surname.toUpperCase(), documentNumber: TEST_IDENTITIES.valid.documentNumber } });
  }, 60_000);
});
