import { openSecret } from "@/lib/crypto/server-keyring";
import type { PortraitSource } from "@/lib/face/face-analysis";

type EvidenceRow = { id: string; readable: boolean; expired: boolean | null; documentKind: string | null; sealedImage: Uint8Array | null };

/** Which portrait a document kind's kept photo shows (the accepted upload is the side that was read). */
function portraitSourceOf(kind: string | null): PortraitSource | null {
  if (kind === "MRZ_TD3") return "PASSPORT_PHOTO_PAGE";
  if (kind === "MRZ_TD1") return "ID_CARD_FRONT";
  // A licence is read from its barcode, on the back: no portrait there. The front is a separate capture (left for
  // later, issue 14); until then the face check fails with "no portrait" rather than compare with nothing.
  if (kind === "AAMVA") return "LICENCE_FRONT";
  return null;
}

/**
 * The accepted document's kept photo (sealed evidence image) to find the portrait in, or null when there is
 * none: no accepted document, or its image is already deleted.
 */
export function loadDocumentPortrait(latest: EvidenceRow | undefined): { source: PortraitSource; image: Buffer; hasPortrait: boolean } | null {
  if (!latest?.readable || latest.expired || !latest.sealedImage) return null;
  const source = portraitSourceOf(latest.documentKind);
  if (!source) return null;
  const image = Buffer.from(openSecret(Buffer.from(latest.sealedImage).toString("utf8"), `evidence:${latest.id}`), "base64");
  return { source, image, hasPortrait: source !== "LICENCE_FRONT" };
}
