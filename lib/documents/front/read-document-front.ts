import sharp from "sharp";
import { decodeImage } from "../decode-image";
import { estimateTextSkew } from "./estimate-text-skew";
import { UnsupportedImageError } from "../normalize-image";
import { type FrontExpectation, type FrontTextMatch, matchFrontText } from "./match-front-text";
import { recognizeFrontText } from "./recognize-front-text";

/** Card text is ~2 mm high: at this width a card filling the photo gives tesseract ~30 px letters. */
const OCR_WIDTH = 2000;

export type FrontReadResult = {
  match: FrontTextMatch;
  /** Clockwise degrees the photo was turned to read it (a card photographed sideways). */
  rotation: number;
};

const NOTHING_MATCHED: FrontTextMatch = { documentNumber: false, dateOfBirth: false, surname: false, sameDocument: false };

/** How many of the three values a read found: the best of several orientations is reported when none binds. */
function score(match: FrontTextMatch): number {
  return Number(match.documentNumber) * 2 + Number(match.dateOfBirth) + Number(match.surname);
}

/**
 * Reads the printed side of a card (a licence's front, an ID card's portrait side) and looks on it for the values
 * read from the other side. The photo is tried upright, then the way a card photographed sideways or upside down
 * reads; it stops at the first orientation that binds the two sides. Throws UnsupportedImageError when the image
 * cannot be decoded.
 */
export async function readDocumentFront(image: Uint8Array, expected: FrontExpectation): Promise<FrontReadResult> {
  const upright = await decodeImage(image)
    .then((decoded) => decoded.pipeline().resize({ width: OCR_WIDTH, height: OCR_WIDTH, fit: "inside" }).grayscale().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true }))
    .catch((error: unknown) => {
      throw new UnsupportedImageError(error instanceof Error ? error.message : "not an image");
    });
  // A card is landscape: a portrait-shaped photo most likely holds it sideways, so those turns are tried first.
  const rotations = upright.info.height > upright.info.width ? [90, 270, 0, 180] : [0, 180, 90, 270];
  let best: FrontReadResult = { match: NOTHING_MATCHED, rotation: 0 };
  for (const rotation of rotations) {
    // One rotation per sharp pipeline (a second call replaces the first): turned, then levelled.
    const turned = await sharp(upright.data).rotate(rotation).png({ compressionLevel: 1 }).toBuffer();
    // Levelled as well as turned: tesseract reads text lines tilted by more than ~2 degrees poorly.
    const skew = await estimateTextSkew(sharp(turned));
    const png = await sharp(turned)
      .rotate(skew, { background: "#ffffff" })
      .resize({ width: OCR_WIDTH, height: OCR_WIDTH, fit: "inside" })
      .normalise()
      .png({ compressionLevel: 1 })
      .toBuffer();
    const match = matchFrontText(await recognizeFrontText(png), expected);
    if (match.sameDocument) return { match, rotation };
    if (score(match) > score(best.match)) best = { match, rotation };
  }
  return best;
}
