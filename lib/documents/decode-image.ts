import sharp, { type Sharp } from "sharp";
import { decodeHeic } from "./decode-heic";
import { inspectImage, type ImageInspection, MAX_IMAGE_PIXELS } from "./inspect-image";

export type DecodedImage = {
  /** The upright image, ready for resizing and output (each call gives a fresh pipeline over the same input). */
  pipeline: () => Sharp;
  /** Width and height as shown (after the EXIF orientation). */
  width: number;
  height: number;
  inspection: ImageInspection;
};

/**
 * Opens an upload for decoding: inspected first (format allowlist, pixel cap, from the header alone), then
 * handed to sharp with the same pixel cap as a second guard, so no loader other than the sniffed one runs and
 * no canvas above MAX_IMAGE_PIXELS is ever allocated. HEVC-coded HEIC is decoded to RGBA by libheif (wasm)
 * first and given to sharp as raw pixels, already upright.
 */
export async function decodeImage(image: Uint8Array): Promise<DecodedImage> {
  const inspection = await inspectImage(image);
  if (inspection.hevc) {
    const raw = await decodeHeic(image);
    const rawInput = { width: raw.width, height: raw.height, channels: raw.channels };
    return { pipeline: () => sharp(raw.data, { raw: rawInput, limitInputPixels: MAX_IMAGE_PIXELS }), width: raw.width, height: raw.height, inspection };
  }
  // Orientations 5-8 swap width and height.
  const swapped = inspection.orientation >= 5;
  return {
    pipeline: () => sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate(),
    width: swapped ? inspection.height : inspection.width,
    height: swapped ? inspection.width : inspection.height,
    inspection,
  };
}
