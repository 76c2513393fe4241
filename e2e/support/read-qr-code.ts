import { readFileSync } from "node:fs";
import type { Locator } from "@playwright/test";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { resolvePackageFile } from "../../lib/documents/resolve-package-file";

let prepared: Promise<unknown> | null = null;

/** Photographs a QR code on screen and decodes it, as the employee's phone camera would. */
export async function readQrCode(element: Locator): Promise<string> {
  prepared ??= prepareZXingModule({
    overrides: { wasmBinary: new Uint8Array(readFileSync(resolvePackageFile("zxing-wasm/reader/zxing_reader.wasm"))).buffer },
    fireImmediately: true,
  });
  await prepared;
  const png = await element.screenshot();
  const [result] = await readBarcodes(new Uint8Array(png), { formats: ["QRCode"], tryHarder: true });
  if (!result?.isValid) throw new Error("No QR code could be read from the screen.");
  return result.text;
}
