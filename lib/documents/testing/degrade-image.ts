import sharp from "sharp";

/** Gaussian blur, like a photo taken out of focus. */
export async function blurImage(png: Buffer, sigma = 6): Promise<Buffer> {
  return sharp(png).blur(sigma).png().toBuffer();
}

/** Keeps the left `share` of the image, like a card sliding out of the frame. */
export async function cropImage(png: Buffer, share = 0.6): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  return sharp(png).extract({ left: 0, top: 0, width: Math.round(width * share), height }).png().toBuffer();
}

/** Keeps the top `share` of the image, cutting through the MRZ at the bottom. */
export async function cropImageBottom(png: Buffer, share = 0.8): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  return sharp(png).extract({ left: 0, top: 0, width, height: Math.round(height * share) }).png().toBuffer();
}

/** Scales the image down to `width` pixels, like a thumbnail or a screenshot of a preview. */
export async function shrinkImage(png: Buffer, width = 240): Promise<Buffer> {
  return sharp(png).resize({ width }).png().toBuffer();
}

/** Paints a soft, blown-out reflection over the lower part of the image, where MRZ and barcode data sit. */
export async function addGlare(png: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  const glare = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><radialGradient id="g"><stop offset="0.45" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
      <ellipse cx="${width * 0.5}" cy="${height * 0.72}" rx="${width * 0.42}" ry="${height * 0.3}" fill="url(#g)"/>
    </svg>`,
  );
  return sharp(png).composite([{ input: glare }]).png().toBuffer();
}

/** A uniform grey frame: a photo of a table, or the lens cap left on. */
export async function blankImage(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 128, g: 130, b: 126 } } }).png().toBuffer();
}

/**
 * A hand-held photo of the card: tilted by `degrees` on a table-coloured background, slightly soft, and
 * saved as a phone would (JPEG quality 75).
 */
export async function tiltImage(png: Buffer, degrees: number): Promise<Buffer> {
  return sharp(png).rotate(degrees, { background: "#d8d4cc" }).blur(1).jpeg({ quality: 75 }).toBuffer();
}

/** Solves the 8 unknowns of the homography taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to `to`. */
function squareToQuad(to: [number, number][]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = to as [[number, number], [number, number], [number, number], [number, number]];
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / det;
  const h = (dx1 * dy3 - dx3 * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h];
}

/**
 * A photo taken from off to one side: the far edge of the document shrinks by `share` of its height (0.1 is
 * mild), then the shot is tilted by `degrees`, softened and saved as a phone JPEG. Pixels are mapped back
 * through the homography one by one, so no library's idea of perspective is involved.
 */
export async function perspectiveImage(png: Buffer, share = 0.1, degrees = 0): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const inset = (share * height) / 2;
  // Destination corners of the source's unit square: the right edge is shorter, as if further away.
  const [a, b, c, d, e, f, g, h] = squareToQuad([[0, 0], [width, inset], [width, height - inset], [0, height]]);
  const out = Buffer.alloc(width * height * channels, 0xd8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse mapping: solve (x, y) = H(u, v) for the unit-square coordinates (u, v).
      const A = a! - g! * x, B = b! - h! * x, C = x - c!;
      const D = d! - g! * y, E = e! - h! * y, F = y - f!;
      const det = A * E - B * D;
      const u = (C * E - B * F) / det, v = (A * F - C * D) / det;
      if (u < 0 || u > 1 || v < 0 || v > 1) continue;
      const sx = Math.min(width - 1, Math.round(u * (width - 1))), sy = Math.min(height - 1, Math.round(v * (height - 1)));
      data.copy(out, (y * width + x) * channels, (sy * width + sx) * channels, (sy * width + sx + 1) * channels);
    }
  }
  return sharp(out, { raw: { width, height, channels } }).rotate(degrees, { background: "#d8d4cc" }).blur(0.8).jpeg({ quality: 80 }).toBuffer();
}

/** A photo in a dim room: darker, flatter and noisier, saved as a phone JPEG. */
export async function lowLightImage(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 24;
  for (let index = 0; index < data.length; index++) data[index] = Math.max(0, Math.min(255, data[index]! * 0.38 + 12 + noise()));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality: 70 }).toBuffer();
}

/** What a phone upload looks like after a messenger or web form: `width` pixels wide, JPEG at `quality`. */
export async function phoneJpeg(png: Buffer, width: number, quality = 72): Promise<Buffer> {
  return sharp(png).resize({ width }).jpeg({ quality }).toBuffer();
}
