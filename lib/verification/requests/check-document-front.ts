import { z } from "zod";
import type { FrontExpectation, FrontTextMatch } from "@/lib/documents/front/match-front-text";
import { readDocumentFront } from "@/lib/documents/front/read-document-front";
import { decodeImage } from "@/lib/documents/decode-image";
import { documentShowsPortrait } from "@/lib/verification/face/document-shows-portrait";

/** The values of the card read, as submitIdentityDocument stored them (`extracted.document`). */
const readCardSchema = z.object({
  document: z.looseObject({ documentNumber: z.string().min(1), dateOfBirth: z.string().nullable().default(null), surname: z.string() }),
});

/** What the front is checked against, or null when the stored read does not parse (the front is then refused). */
export function frontExpectationOf(extracted: unknown): FrontExpectation | null {
  const parsed = readCardSchema.safeParse(extracted);
  if (!parsed.success) return null;
  const { documentNumber, dateOfBirth, surname } = parsed.data.document;
  return { documentNumber, dateOfBirth, surname };
}

export type FrontCheck =
  | { accepted: true; match: FrontTextMatch }
  | { accepted: false; reason: "NO_PORTRAIT" | "OTHER_CARD" | "UNDECODABLE"; match: FrontTextMatch | null };

/** The upload decoded once, upright, at most 2000 px: what the face engine and the OCR read (null: undecodable). */
async function decodeFront(image: Uint8Array): Promise<Buffer | null> {
  try {
    const decoded = await decodeImage(image);
    return await decoded.pipeline().resize({ width: 2000, height: 2000, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 92 }).toBuffer();
  } catch {
    return null;
  }
}

/**
 * Whether a photo is the front of the card already read: the holder's portrait is in it (the live face is
 * compared with it next), and the card's number, with its birth date or surname, is printed on it. The portrait
 * is looked for first: a photo of the wrong side costs no OCR.
 */
export async function checkDocumentFront(image: Uint8Array, expected: FrontExpectation): Promise<FrontCheck> {
  const decoded = await decodeFront(image);
  if (!decoded) return { accepted: false, reason: "UNDECODABLE", match: null };
  if (!(await documentShowsPortrait(decoded))) return { accepted: false, reason: "NO_PORTRAIT", match: null };
  const { match } = await readDocumentFront(decoded, expected);
  return match.sameDocument ? { accepted: true, match } : { accepted: false, reason: "OTHER_CARD", match };
}
