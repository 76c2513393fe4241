import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { decodeImage } from "./decode-image";
import { readIdentityDocument, terminateDocumentReaders } from "./index";
import { renderAamvaBarcode, TEST_IDENTITIES } from "./testing/index";

/**
 * A real HEVC-coded HEIC file (what an iPhone saves), made from the test licence's barcode with libheif's
 * encoder: `heif-enc -q 80 licence.jpg -o licence-valid.heic` (x265; brands heic, mif1, miaf; 1352 x 360).
 */
const heic = readFileSync(path.join(import.meta.dirname, "testing/fixtures/licence-valid.heic"));
const now = new Date("2026-11-21T12:00:00Z");

afterAll(async () => {
  await terminateDocumentReaders();
});

describe("HEIC uploads", () => {
  it("is a file the prebuilt sharp cannot decode by itself (its libheif has no HEVC decoder)", async () => {
    expect((await sharp(heic).metadata()).compression).toBe("hevc");
    await expect(sharp(heic).raw().toBuffer()).rejects.toThrow();
  });

  it("decodes through libheif (wasm) to the right size", async () => {
    const decoded = await decodeImage(heic);
    expect(decoded).toMatchObject({ width: 1352, height: 360, inspection: { format: "heic", hevc: true } });
    const { info } = await decoded.pipeline().grayscale().raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 1352, height: 360 });
  });

  it("reads the licence in the HEIC file exactly as the same licence in PNG", { timeout: 60_000 }, async () => {
    const fromHeic = await readIdentityDocument(heic, { now });
    const fromPng = await readIdentityDocument(await renderAamvaBarcode(TEST_IDENTITIES.valid), { now });
    expect(fromHeic).toMatchObject({ ok: true, expired: false, consistent: true });
    if (!fromHeic.ok || !fromPng.ok) throw new Error("not read");
    expect(fromHeic.document).toEqual(fromPng.document);
  });
});
