import { readFileSync } from "node:fs";
import sharp from "sharp";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import type { NormalizedImage } from "./normalize-image";
import { resolvePackageFile } from "./resolve-package-file";

let prepared: Promise<unknown> | null = null;

/** zxing-wasm fetches its wasm from a CDN unless handed the copy in node_modules (no internet here). */
function prepareReader(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    // Copied into a fresh Uint8Array so the wasm gets a whole ArrayBuffer, not a slice of Node's buffer pool.
    overrides: { wasmBinary: new Uint8Array(readFileSync(resolvePackageFile("zxing-wasm/reader/zxing_reader.wasm"))).buffer },
    fireImmediately: true,
  });
  return prepared;
}

export interface DecodedBarcodes {
  /** Text of each PDF417 symbol found (control characters kept, as AAMVA needs them). */
  pdf417: string[];
  /** Other barcode formats found, e.g. "QRCode", to tell the employee they photographed the wrong one. */
  otherFormats: string[];
}

/**
 * Tilts tried when the upright image holds no PDF417. The line-by-line decoder tolerates about ±2.5°, so
 * steps of 4° cover every tilt up to ±18°; hand-held photos of a licence back are rarely square.
 */
export const DESKEW_ANGLES = [4, -4, 8, -8, 12, -12, 16, -16] as const;
/** The sweep stops after this long (a passport, which has no barcode, pays it before its MRZ is read). */
const DESKEW_BUDGET_MS = 1_500;

/**
 * Finds PDF417 (and, to explain failures, other) barcodes in a normalised image: upright first, then
 * rotated back by each of DESKEW_ANGLES until one is found or the time budget is spent.
 */
export async function decodePdf417(image: NormalizedImage): Promise<DecodedBarcodes> {
  await prepareReader();
  const upright = await readGray(image.gray, image.width, image.height, true);
  if (upright.pdf417.length > 0 || upright.otherFormats.length > 0) return upright;
  const started = performance.now();
  for (const angle of DESKEW_ANGLES) {
    if (performance.now() - started > DESKEW_BUDGET_MS) break;
    const rotated = await rotateGray(image, angle);
    // Without tryHarder: once the rows are level the symbol reads at the first scan, and a passport (no
    // barcode at all) pays the sweep before its MRZ is read.
    const found = await readGray(rotated.gray, rotated.width, rotated.height, false);
    if (found.pdf417.length > 0) return found;
  }
  return upright;
}

async function rotateGray(image: NormalizedImage, angle: number): Promise<{ gray: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } })
    .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { gray: data, width: info.width, height: info.height };
}

async function readGray(gray: Buffer, width: number, height: number, tryHarder: boolean): Promise<DecodedBarcodes> {
  // zxing takes RGBA pixels; expand the grayscale bytes rather than re-encoding a PNG.
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let index = 0; index < gray.length; index++) {
    const value = gray[index]!;
    rgba[index * 4] = value;
    rgba[index * 4 + 1] = value;
    rgba[index * 4 + 2] = value;
    rgba[index * 4 + 3] = 255;
  }
  const imageData: ImageData = { data: rgba, width, height, colorSpace: "srgb" };
  const results = await readBarcodes(imageData, { tryHarder, textMode: "Plain", formats: [], maxNumberOfSymbols: 4 });
  const valid = results.filter((result) => result.isValid);
  return {
    pdf417: valid.filter((result) => result.format === "PDF417").map((result) => result.text),
    otherFormats: valid.filter((result) => result.format !== "PDF417").map((result) => result.format),
  };
}
