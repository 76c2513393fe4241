/** The formats an upload may be in, decided from its bytes (never from the declared type or the file name). */
export type ImageFormat = "jpeg" | "png" | "webp" | "avif" | "heic";

/** The MIME types of those formats, for the upload form's `accept` attribute. */
export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif", "image/heic", "image/heif"] as const;

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

// ISO base media brands (ISO/IEC 23008-12 and the AV1 image format spec): HEVC-coded HEIF is what iPhones write.
const AVIF_BRANDS = new Set(["avif", "avis"]);
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);
const GENERIC_HEIF_BRANDS = new Set(["mif1", "msf1", "mif2", "miaf"]);

/** An ISO BMFF `ftyp` box: the major brand, then the compatible brands; generic brands defer to the others. */
function sniffHeifFamily(bytes: Uint8Array): ImageFormat | null {
  if (bytes.byteLength < 16 || ascii(bytes, 4, 8) !== "ftyp") return null;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (boxSize < 16 || boxSize > Math.min(bytes.byteLength, 4096)) return null;
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return "avif";
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return "heic";
  // A bare `mif1` file names no codec brand; libheif tells HEVC from AV1 when it opens it.
  return brands.some((brand) => GENERIC_HEIF_BRANDS.has(brand)) ? "heic" : null;
}

/**
 * The real format of an upload from its magic bytes: JPEG, PNG, WebP, AVIF or HEIC/HEIF, else null. Everything
 * else sharp could decode (SVG with its external references, TIFF, GIF, raw pixel dumps) is refused here,
 * whatever MIME type the browser declared.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.byteLength < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(bytes, 0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  return sniffHeifFamily(bytes);
}
