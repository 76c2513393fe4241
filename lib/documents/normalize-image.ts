import sharp, { type Metadata } from "sharp";

/** Phone photos are ~12 MP; beyond this many pixels on the long edge decoding only gets slower. */
const MAX_EDGE = 2000;

export interface NormalizedImage {
  /** Grayscale, upright, at most MAX_EDGE on the long edge, PNG-free raw pixels (one byte each). */
  gray: Buffer;
  width: number;
  height: number;
  /** Size of the upright photo before downscaling, for the low-resolution hint. */
  originalWidth: number;
  originalHeight: number;
}

export class UnsupportedImageError extends Error {}

/**
 * Decodes JPEG/PNG/WebP/HEIC (whatever this sharp build supports), applies the EXIF orientation,
 * downsizes large photos and converts to grayscale: both decoders work on luminance only.
 */
export async function normalizeImage(image: Uint8Array): Promise<NormalizedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(image).metadata();
  } catch (error) {
    throw new UnsupportedImageError(error instanceof Error ? error.message : "not an image");
  }
  // Orientations 5-8 swap width and height.
  const swapped = (metadata.orientation ?? 1) >= 5;
  const originalWidth = (swapped ? metadata.height : metadata.width) ?? 0;
  const originalHeight = (swapped ? metadata.width : metadata.height) ?? 0;
  try {
    const { data, info } = await sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { gray: data, width: info.width, height: info.height, originalWidth, originalHeight };
  } catch (error) {
    throw new UnsupportedImageError(error instanceof Error ? error.message : "image could not be decoded");
  }
}
