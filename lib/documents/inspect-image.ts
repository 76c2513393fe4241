import sharp, { type Metadata } from "sharp";
import { MAX_IMAGE_PIXELS } from "./image-limits";
import { type ImageFormat, sniffImageFormat } from "./sniff-image-format";

export { MAX_IMAGE_PIXELS };

export type ImageRefusal = "unsupported_format" | "too_many_pixels";

/** An upload refused from its header alone: nothing was decoded, so it costs the employee no attempt. */
export class ImageRefusedError extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(reason === "too_many_pixels" ? "The image has too many pixels." : "The image format is not accepted.");
    this.name = "ImageRefusedError";
  }
}

export type ImageInspection = {
  format: ImageFormat;
  width: number;
  height: number;
  orientation: number;
  /** HEVC-coded HEIF: sharp reads its header but cannot decode it (decodeHeic does). */
  hevc: boolean;
};

// What sharp's loaders call the sniffed formats: the two must agree, so no other loader ever runs.
const SHARP_FORMAT: Record<ImageFormat, string> = { jpeg: "jpeg", png: "png", webp: "webp", avif: "heif", heic: "heif" };

/**
 * The real format and size of an upload, from its magic bytes and its header (no pixels decoded). Throws
 * ImageRefusedError for a format outside the allowlist, a header that does not parse, or more than
 * MAX_IMAGE_PIXELS.
 */
export async function inspectImage(image: Uint8Array): Promise<ImageInspection> {
  const format = sniffImageFormat(image);
  if (!format) throw new ImageRefusedError("unsupported_format");
  let metadata: Metadata;
  try {
    metadata = await sharp(image, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefusedError("unsupported_format");
  }
  if (metadata.format !== SHARP_FORMAT[format] || !metadata.width || !metadata.height) throw new ImageRefusedError("unsupported_format");
  if (metadata.width * metadata.height > MAX_IMAGE_PIXELS) throw new ImageRefusedError("too_many_pixels");
  return { format, width: metadata.width, height: metadata.height, orientation: metadata.orientation ?? 1, hevc: metadata.format === "heif" && metadata.compression === "hevc" };
}
