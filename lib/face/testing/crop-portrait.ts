import sharp from "sharp";
import { getFaceEngine } from "@/lib/face/face-engine";

/**
 * A head-and-shoulders crop (3:4) around the largest face in a photo, as a card's portrait box prints it: the
 * face set's photos are often half-length shots, which a portrait box filled with `cover` would cut at the chest.
 */
export async function cropPortrait(photo: Buffer): Promise<Buffer> {
  const analysis = await (await getFaceEngine()).analyze(photo);
  const face = [...analysis.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
  if (!face) throw new Error("cropPortrait: no face in the photo");
  // The box is in fractions of the image: scaled to the photo itself (the engine may analyse a smaller copy).
  const upright = await sharp(photo).rotate().toBuffer({ resolveWithObject: true });
  const { width, height } = upright.info;
  const centreX = (face.box.x + face.box.width / 2) * width;
  const centreY = (face.box.y + face.box.height / 2) * height;
  const cropWidth = Math.min(width, face.box.width * width * 1.6);
  const cropHeight = Math.min(height, (cropWidth * 4) / 3);
  const left = Math.round(Math.min(Math.max(0, centreX - cropWidth / 2), width - cropWidth));
  const top = Math.round(Math.min(Math.max(0, centreY - cropHeight * 0.45), height - cropHeight));
  return sharp(upright.data).extract({ left, top, width: Math.round(cropWidth), height: Math.round(cropHeight) }).jpeg({ quality: 90 }).toBuffer();
}
