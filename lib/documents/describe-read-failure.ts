import type { DocumentReadFailure, DocumentReadHint } from "./types";

const MESSAGES: Record<DocumentReadHint, string> = {
  incomplete_barcode:
    "We read your licence's barcode, but the licence data in it is incomplete or damaged, so we can't use it. If the card is worn or scratched, try another ID document, such as a passport or ID card.",
  glare: "We couldn't read the document because of a reflection. Avoid glare: tilt the card away from the light (or turn off the flash) and try again.",
  blur: "The photo is blurry. Hold the phone steady about 15 cm from the document, tap the screen to focus, and try again.",
  cropped: "Part of the barcode or of the lines of <<< text is cut off. Fit the whole document inside the frame with a little space around it and try again.",
  tilted:
    "The document is at a slant in the photo. Lay it flat, hold the phone parallel to it, and turn the phone until the document's edges line up with the edges of the frame, then try again.",
  low_resolution: "The photo is too small to read. Move closer so the document fills most of the frame, and upload the original photo rather than a screenshot or thumbnail.",
  not_a_document:
    "We couldn't find a barcode or machine-readable text. Photograph the back of your driver's licence (the large barcode) or the photo page of your passport or ID card (the lines of <<< text).",
  unsupported_document: "This is a visa, not an identity document. Upload a photo of your passport's photo page or of your ID card.",
  unreadable_number:
    "We couldn't read the document number reliably. Take the photo again straight on, in even light, with the lines of <<< text sharp and filling the width of the frame.",
  unsupported_format: "This file isn't a photo we can open. Upload a JPEG, PNG, WebP or HEIC photo of your document.",
  no_portrait:
    "We read the document, but your photo on it is not in the picture, and the next step compares your face with it. Photograph the whole photo page of your passport: your portrait and the lines of <<< text in one picture.",
};

/** What the agent's page says of an unreadable upload, per stored hint (the employee got the full instruction). */
export const READ_FAILURE_LABELS: Record<DocumentReadHint, string> = {
  incomplete_barcode: "licence barcode read, but its data is incomplete",
  glare: "reflection over the data",
  blur: "blurred photo",
  cropped: "data cut off",
  tilted: "document at a slant",
  low_resolution: "photo too small",
  not_a_document: "no barcode or MRZ found",
  unsupported_document: "a visa, not an identity document",
  unreadable_number: "document number not read reliably",
  unsupported_format: "not a photo we can open",
  no_portrait: "read, but no portrait in the photo for the live face",
};

/** The agent-facing label for a stored hint; a hint from an older version is shown as stored. */
export function readFailureLabel(hint: string | null): string {
  if (!hint) return "unknown cause";
  return Object.hasOwn(READ_FAILURE_LABELS, hint) ? READ_FAILURE_LABELS[hint as DocumentReadHint] : hint;
}

/** A failure with the employee-facing retry instruction for its hint; `message` overrides it for special cases. */
export function describeReadFailure(reason: DocumentReadFailure["reason"], hint: DocumentReadHint, message?: string): DocumentReadFailure {
  return { reason, hint, message: message ?? MESSAGES[hint] };
}
