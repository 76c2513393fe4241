import { openSecret } from "@/lib/crypto/server-keyring";
import type { PortraitSource } from "@/lib/face/face-analysis";

type EvidenceRow = {
  id: string;
  readable: boolean;
  expired: boolean | null;
  documentKind: string | null;
  sealedImage: Uint8Array | null;
  frontSealedImage: Uint8Array | null;
  frontAcceptedAt: Date | null;
};

/** Which portrait a document kind's read side shows (the passport photo page, or an ID card with its photo there). */
function readSideSource(kind: string | null): PortraitSource | null {
  if (kind === "MRZ_TD3") return "PASSPORT_PHOTO_PAGE";
  // The wallet ID's issuer-signed portrait, kept sealed until the decision.
  if (kind === "MDOC") return "MDOC_PORTRAIT";
  if (kind === "MRZ_TD1" || kind === "MRZ_TD2") return "ID_CARD_FRONT";
  return null;
}

function openImage(sealed: Uint8Array, context: string): Buffer {
  return Buffer.from(openSecret(Buffer.from(sealed).toString("utf8"), context), "base64");
}

/**
 * The photo to find the document's portrait in: the card's front when one was accepted as belonging to the card
 * read (a licence, an ID card whose MRZ side has no photo), otherwise the read side itself. Null when there is
 * none: no accepted document, or its image is already deleted.
 */
export function loadDocumentPortrait(latest: EvidenceRow | undefined): { source: PortraitSource; image: Buffer } | null {
  if (!latest?.readable || latest.expired) return null;
  if (latest.frontAcceptedAt) {
    if (!latest.frontSealedImage) return null;
    const source: PortraitSource = latest.documentKind === "AAMVA" ? "LICENCE_FRONT" : "ID_CARD_FRONT";
    return { source, image: openImage(latest.frontSealedImage, `evidence-front:${latest.id}`) };
  }
  const source = readSideSource(latest.documentKind);
  if (!source || !latest.sealedImage) return null;
  return { source, image: openImage(latest.sealedImage, `evidence:${latest.id}`) };
}
