import { readFileSync } from "node:fs";
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

/** Finds PDF417 (and, to explain failures, other) barcodes in a normalised image. */
export async function decodePdf417(image: NormalizedImage): Promise<DecodedBarcodes> {
  await prepareReader();
  // zxing takes RGBA pixels; expand the grayscale bytes rather than re-encoding a PNG.
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let index = 0; index < image.gray.length; index++) {
    const value = image.gray[index]!;
    rgba[index * 4] = value;
    rgba[index * 4 + 1] = value;
    rgba[index * 4 + 2] = value;
    rgba[index * 4 + 3] = 255;
  }
  const imageData: ImageData = { data: rgba, width: image.width, height: image.height, colorSpace: "srgb" };
  const results = await readBarcodes(imageData, { tryHarder: true, textMode: "Plain", formats: [], maxNumberOfSymbols: 4 });
  const valid = results.filter((result) => result.isValid);
  return {
    pdf417: valid.filter((result) => result.format === "PDF417").map((result) => result.text),
    otherFormats: valid.filter((result) => result.format !== "PDF417").map((result) => result.format),
  };
}
