import sharp from "sharp";

/**
 * A security background printed under the whole document, MRZ included, as on many ID cards: fine wavy
 * lines, lighter than the MRZ's ink but crossing every glyph.
 */
export async function securityBackgroundImage(png: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  const waves = Array.from({ length: Math.ceil(height / 20) + 1 }, (_, row) => {
    const segments = Array.from({ length: Math.ceil(width / 40) + 1 }, (_, column) => `Q ${column * 40 + 20} ${row * 20 + (column % 2 ? 14 : -14)} ${column * 40 + 40} ${row * 20}`).join(" ");
    return `<path d="M0 ${row * 20} ${segments}" stroke="#7a9cc6" stroke-width="1.2" fill="none" opacity="0.55"/>`;
  }).join("");
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${waves}</svg>`);
  return sharp(png).composite([{ input: overlay, blend: "multiply" }]).jpeg({ quality: 80 }).toBuffer();
}

/** The phone's shadow over one side of the document and brighter light on the other. */
export async function sideShadowImage(png: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  const overlay = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" x2="1">` +
      `<stop offset="0" stop-color="#000" stop-opacity="0.65"/><stop offset="0.6" stop-color="#000" stop-opacity="0.05"/><stop offset="1" stop-color="#fff" stop-opacity="0.3"/>` +
      `</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  return sharp(png).composite([{ input: overlay }]).jpeg({ quality: 78 }).toBuffer();
}

/** Sensor noise of a small phone camera in poor light (seeded, so the same image every run). */
export async function sensorNoiseImage(png: Buffer, amplitude = 70): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let seed = 3;
  for (let index = 0; index < data.length; index++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    data[index] = Math.max(0, Math.min(255, data[index]! + (seed / 2147483648 - 0.5) * amplitude));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality: 80 }).toBuffer();
}
