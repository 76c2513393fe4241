import sharp, { type Sharp } from "sharp";

/** Hand-held photos of a card lie within a few degrees of level; beyond this the card is turned, not tilted. */
const MAX_SKEW_DEGREES = 10;
/** Searched coarse first, then refined around the best coarse angle. */
const COARSE_STEP = 1;
const FINE_STEP = 0.5;
/** Wide enough for card text lines to show in a row profile, small enough for ~40 rotations in tens of ms. */
const PROFILE_WIDTH = 600;

/** Sum of squared differences between neighbouring rows' ink: sharp when text lines run level with the rows. */
function rowProfileSharpness(gray: Buffer, width: number, height: number): number {
  let previous = 0;
  let sharpness = 0;
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let x = 0; x < width; x++) if ((gray[y * width + x] ?? 255) < 128) ink++;
    if (y > 0) sharpness += (ink - previous) ** 2;
    previous = ink;
  }
  return sharpness;
}

/**
 * The angle (degrees, clockwise) that levels the text lines of a card photo: each candidate rotation of a small
 * binarised copy is scored by how sharply its rows alternate between ink and paper (the projection-profile
 * method), and the sharpest wins. Tesseract reads lines tilted by more than ~2° poorly; this costs ~0.2 s.
 */
export async function estimateTextSkew(image: Sharp): Promise<number> {
  const small = await image.clone().resize({ width: PROFILE_WIDTH }).grayscale().normalise().threshold(150).png().toBuffer();
  const score = async (angle: number) => {
    const { data, info } = await sharp(small).rotate(angle, { background: "#ffffff" }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    return rowProfileSharpness(data, info.width, info.height);
  };
  let best = { angle: 0, sharpness: await score(0) };
  for (let angle = -MAX_SKEW_DEGREES; angle <= MAX_SKEW_DEGREES; angle += COARSE_STEP) {
    const sharpness = angle === 0 ? best.sharpness : await score(angle);
    if (sharpness > best.sharpness) best = { angle, sharpness };
  }
  for (const angle of [best.angle - FINE_STEP, best.angle + FINE_STEP]) {
    const sharpness = await score(angle);
    if (sharpness > best.sharpness) best = { angle, sharpness };
  }
  return best.angle;
}
