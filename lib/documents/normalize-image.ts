import { decodeImage, type DecodedImage } from "./decode-image";
import { ImageRefusedError } from "./inspect-image";

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

export class UnsupportedImageError extends Error {
  constructor(
    message: string,
    /** Refused from its header (format or pixel count), or failed while decoding. */
    readonly reason: ImageRefusedError["reason"] | "undecodable" = "undecodable",
  ) {
    super(message);
  }
}

/**
 * Decodes JPEG/PNG/WebP/AVIF/HEIC (sniffed from the bytes, see decodeImage), applies the EXIF orientation,
 * downsizes large photos and converts to grayscale: both decoders work on luminance only.
 */
export async function normalizeImage(image: Uint8Array): Promise<NormalizedImage> {
  let decoded: DecodedImage;
  try {
    decoded = await decodeImage(image);
  } catch (error) {
    if (error instanceof ImageRefusedError) throw new UnsupportedImageError(error.message, error.reason);
    throw new UnsupportedImageError(error instanceof Error ? error.message : "not an image");
  }
  try {
    const { data, info } = await decoded
      .pipeline()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { gray: data, width: info.width, height: info.height, originalWidth: decoded.width, originalHeight: decoded.height };
  } catch (error) {
    throw new UnsupportedImageError(error instanceof Error ? error.message : "image could not be decoded");
  }
}
