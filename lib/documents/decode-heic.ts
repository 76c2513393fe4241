import { MAX_IMAGE_PIXELS } from "./inspect-image";

export type RawImage = { data: Buffer; width: number; height: number; channels: 4 };

/**
 * Decodes HEVC-coded HEIF (what iPhones save) to RGBA pixels with libheif compiled to wasm (heic-decode),
 * because the prebuilt sharp has libheif with AV1 only. The primary image is decoded upright (libheif applies
 * the file's rotation and mirroring); its size is checked again before any pixel is decoded. Loaded on first
 * use: the wasm bundle is several MB of JavaScript that other uploads never need.
 */
export async function decodeHeic(image: Uint8Array): Promise<RawImage> {
  const { default: heicDecode } = await import("heic-decode");
  const images = await heicDecode.all({ buffer: image });
  try {
    const primary = images[0];
    if (!primary) throw new Error("HEIF file without an image");
    if (primary.width * primary.height > MAX_IMAGE_PIXELS) throw new Error("HEIF image over the pixel limit");
    const decoded = await primary.decode();
    return { data: Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), width: decoded.width, height: decoded.height, channels: 4 };
  } finally {
    images.dispose();
  }
}
