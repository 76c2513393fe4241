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

describe("a licence barcode without licence data", () => {
  it("says the barcode was read but its data is incomplete, not that nothing was found", async () => {
    // A valid AAMVA header whose only subfile is a jurisdiction one (no DL/ID subfile anywhere).
    const text = "@\n\x1e\rANSI 636026080002ZV00410020ZVZVA01\rZVB02\r";
    const result = await readIdentityDocument(await renderAamvaBarcode(TEST_IDENTITIES.valid, { text }), { now });
    expect(result).toMatchObject({ ok: false, failure: { reason: "UNREADABLE", hint: "incomplete_barcode" } });
  }, 60_000);
});
