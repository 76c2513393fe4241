import { terminateFrontText } from "./front/recognize-front-text";
import { releaseOcrBTemplates } from "./mrz-reader/ocr-b-templates";

/**
 * Releases what the readers keep between documents (the OCR-B templates) and stops the text OCR worker that reads
 * card fronts (it keeps the process alive); the next read rebuilds them. Tests and scripts call it to tidy up.
 */
export async function terminateDocumentReaders(): Promise<void> {
  releaseOcrBTemplates();
  await terminateFrontText();
}
