import type { Page } from "@playwright/test";
import { toBuffer } from "bwip-js/node";
import sharp from "sharp";
import { loadTestDocumentFonts, TEST_DOCUMENT_FONTS, testDocumentFontCss } from "./test-document-fonts";

/** A deterministic pseudo-random stream in [0, 1), so every run builds the same test images. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: enough for shapes and noise, and identical on every platform.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/**
 * Motion blur: the camera moved by `length` pixels along `degrees` (0 is horizontal) while the shutter was
 * open. Unlike a Gaussian blur it leaves edges parallel to the motion sharp.
 */
export async function motionBlurImage(png: Buffer, length = 21, degrees = 0): Promise<Buffer> {
  const size = length % 2 === 1 ? length : length + 1;
  const kernel = new Array<number>(size * size).fill(0);
  const centre = (size - 1) / 2;
  const radians = (degrees * Math.PI) / 180;
  for (let step = 0; step < size * 4; step++) {
    const t = step / (size * 4 - 1) - 0.5;
    const x = Math.round(centre + t * (size - 1) * Math.cos(radians));
    const y = Math.round(centre - t * (size - 1) * Math.sin(radians));
    kernel[y * size + x] = 1;
  }
  const scale = kernel.reduce((sum, value) => sum + value, 0);
  return sharp(png).removeAlpha().convolve({ width: size, height: size, kernel, scale }).jpeg({ quality: 80 }).toBuffer();
}

/**
 * A document turned by `degrees` (beyond the ±15° we read, e.g. 25–60°) on a table, photographed from above:
 * the same soft, JPEG-saved shot as tiltImage, only further from square.
 */
export async function rotateDocumentImage(png: Buffer, degrees: number): Promise<Buffer> {
  return sharp(png).rotate(degrees, { background: "#d8d4cc" }).blur(1).jpeg({ quality: 75 }).toBuffer();
}

/**
 * A phone photo (`frameWidth` × 3/4 of it, the resolution a phone uploads) taken from too far away: the document
 * covers only `share` of the frame's width, on a lightly textured table.
 */
export async function distantDocumentImage(png: Buffer, share = 0.22, frameWidth = 1600): Promise<Buffer> {
  const frameHeight = Math.round((frameWidth * 3) / 4);
  const small = await sharp(png).resize({ width: Math.round(frameWidth * share) }).png().toBuffer();
  const { width = 0, height = 0 } = await sharp(small).metadata();
  const random = seeded(11);
  const table = Buffer.alloc(frameWidth * frameHeight * 3);
  for (let index = 0; index < frameWidth * frameHeight; index++) {
    const grain = (random() - 0.5) * 14;
    table[index * 3] = 150 + grain;
    table[index * 3 + 1] = 132 + grain;
    table[index * 3 + 2] = 110 + grain;
  }
  return sharp(table, { raw: { width: frameWidth, height: frameHeight, channels: 3 } })
    .composite([{ input: small, left: Math.round((frameWidth - width) * 0.45), top: Math.round((frameHeight - height) * 0.55) }])
    .blur(0.8)
    .jpeg({ quality: 78 })
    .toBuffer();
}

/**
 * A photo of something that is not a document: a sky-to-floor gradient with random soft and hard shapes at random
 * angles (a room, a desk, a face), sensor noise, saved as a phone JPEG.
 */
export async function sceneImage(seed = 1, width = 1600, height = 1200): Promise<Buffer> {
  const random = seeded(seed);
  const colour = () => `rgb(${Math.round(random() * 255)},${Math.round(random() * 255)},${Math.round(random() * 255)})`;
  const shapes = Array.from({ length: 28 }, () => {
    const x = random() * width, y = random() * height, size = 40 + random() * 360, angle = random() * 180;
    const shape =
      random() < 0.5
        ? `<ellipse cx="0" cy="0" rx="${size}" ry="${size * (0.3 + random() * 0.7)}"/>`
        : `<polygon points="0,0 ${size},${size * random()} ${size * random()},${size}"/>`;
    return `<g transform="translate(${x} ${y}) rotate(${angle})" fill="${colour()}" opacity="${0.5 + random() * 0.5}">${shape}</g>`;
  });
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>
    <filter id="soft"><feGaussianBlur stdDeviation="3"/></filter></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/><g filter="url(#soft)">${shapes.slice(0, 14).join("")}</g>${shapes.slice(14).join("")}
  </svg>`);
  const { data, info } = await sharp(svg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let index = 0; index < data.length; index++) data[index] = Math.max(0, Math.min(255, data[index]! + (random() - 0.5) * 16));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality: 80 }).toBuffer();
}

/** A photographed page of ordinary printed text (a letter, a utility bill): text everywhere, no MRZ, no barcode. */
export async function textPageImage(page: Page): Promise<Buffer> {
  const paragraph =
    "Thank you for your letter of 12 March. We have reviewed the documents you sent and are pleased to confirm that your account has been updated. Please keep this notice for your records; if any of the details below are wrong, call us on the number overleaf. ";
  await page.setViewportSize({ width: 900, height: 1200 });
  await page.setContent(`<!doctype html><html><head><style>${testDocumentFontCss()}
    body { margin: 0; background: #7d7a74; }
    #sheet { margin: 40px; padding: 60px 70px; background: #fbfaf6; font-family: ${TEST_DOCUMENT_FONTS.sans}; font-size: 17px; line-height: 1.6; color: #222; }
    h1 { font-size: 26px; }
  </style></head><body><div id="sheet"><h1>Account notice</h1>${Array.from({ length: 5 }, () => `<p>${paragraph.repeat(2)}</p>`).join("")}</div></body></html>`);
  await loadTestDocumentFonts(page);
  return page.screenshot({ type: "png", fullPage: false });
}

/** A QR code (a boarding pass, a payment code): a barcode, but not the PDF417 of a licence. */
export async function qrCodeImage(text = "https://example.com/boarding-pass/ABC123"): Promise<Buffer> {
  return toBuffer({ bcid: "qrcode", text, scale: 8, backgroundcolor: "FFFFFF", paddingwidth: 40, paddingheight: 40 });
}

/** A Code 128 barcode (a parcel label, a loyalty card). */
export async function code128Image(text = "PARCEL-0042-7781-DE"): Promise<Buffer> {
  return toBuffer({ bcid: "code128", text, scale: 4, height: 20, backgroundcolor: "FFFFFF", paddingwidth: 40, paddingheight: 40 });
}

/** The lines of a machine-readable visa (MRV-A, 2×44): a passport's MRZ with document code "V". */
export function toVisaMrz(passportLines: string[]): string[] {
  const [line1 = "", line2 = ""] = passportLines;
  return [`V${line1.slice(1)}`, line2];
}

/** An SVG file: sharp could draw it, but it may reference other files and is never a photo. */
export function svgFile(): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><rect width="800" height="500" fill="#eee"/><text x="40" y="460" font-size="30">P&lt;USAERIKSSON&lt;&lt;ANNA&lt;MARIA</text></svg>`);
}

/** A PDF file (a scan exported as PDF): not a photo format we accept. */
export function pdfFile(): Buffer {
  return Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}
