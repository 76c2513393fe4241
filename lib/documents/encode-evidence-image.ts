import { decodeImage } from "./decode-image";

/** Enough to see the document in a review; a 12 MP original is ~20x larger and adds nothing to that. */
const EVIDENCE_MAX_EDGE = 1600;

/**
 * The copy of an upload kept as evidence: upright, at most 1600 px on the long edge, JPEG at quality 80, with
 * no metadata (EXIF location and device data are dropped). Typically 150-400 KB instead of the 2-12 MB sent.
 */
export async function encodeEvidenceImage(image: Uint8Array): Promise<Buffer> {
  const decoded = await decodeImage(image);
  return decoded
    .pipeline()
    .resize({ width: EVIDENCE_MAX_EDGE, height: EVIDENCE_MAX_EDGE, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
}
