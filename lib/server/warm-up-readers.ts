import { getOcrBTemplates } from "@/lib/documents/mrz-reader/ocr-b-templates";
import { getFaceEngine } from "@/lib/face/face-engine";

/**
 * Builds the OCR-B templates (~3 s of one core) and loads the face models (~0.3 s) once the server is up, so the
 * first employee to upload a passport or take a selfie after a deploy does not wait for them. Failures are only
 * logged: each reader loads itself again on first use.
 */
export async function warmUpReaders(): Promise<void> {
  const results = await Promise.allSettled([getOcrBTemplates(), getFaceEngine()]);
  for (const result of results) if (result.status === "rejected") console.warn("warm-up: a reader failed to load; it will load on first use", result.reason instanceof Error ? result.reason.message : result.reason);
}
