import { toBuffer } from "bwip-js/node";
import { buildAamvaText, type BuildAamvaTextOptions } from "./build-aamva-text";
import type { TestIdentity } from "./test-identities";

/**
 * A PDF417 PNG of the AAMVA text for a test identity, like the back of a US or Canadian
 * driver's licence. White background and a quiet zone are required or zxing finds nothing.
 */
export async function renderAamvaBarcode(person: TestIdentity, options: BuildAamvaTextOptions & { text?: string } = {}): Promise<Buffer> {
  // eclevel and columns are BWIPP options the typings do not list; a named object passes them through.
  const renderOptions = {
    bcid: "pdf417",
    text: options.text ?? buildAamvaText(person, options),
    // Licences use error correction level 3 or higher and about 13 data columns.
    eclevel: 3,
    columns: 13,
    scale: 4,
    backgroundcolor: "FFFFFF",
    paddingwidth: 24,
    paddingheight: 24,
  };
  const png: Buffer = await toBuffer(renderOptions);
  return png;
}
