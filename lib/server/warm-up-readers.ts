import { getOcrBTemplates } from "@/lib/documents/mrz-reader/ocr-b-templates";
import { warmUpFrontText } from "@/lib/documents/front/recognize-front-text";
import { getFaceEngine } from "@/lib/face/face-engine";

/**
 * Builds the OCR-B templates (~3 s of one core), loads the face models (~0.3 s) and starts the text OCR for card
 * fronts (~1 s) once the server is up, so the first employee to upload a passport, a licence's front or a selfie
 * after a deploy does not wait for them. Failures are only logged: each reader loads itself again on first use.
 */
export async function warmUpReaders(): Promise<void> {
  const results = await Promise.allSettled([getOcrBTemplates(), getFaceEngine(), warmUpFrontText()]);
  for (const result of results) if (result.status === "rejected") console.warn("warm-up: a reader failed to load; it will load on first use", result.reason instanceof Error ? result.reason.message : result.reason);
}
