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
