import { releaseOcrBTemplates } from "./mrz-reader/ocr-b-templates";

/**
 * Releases what the readers keep between documents (the OCR-B templates); the next read rebuilds it. Nothing
 * here keeps the process alive any more (the tesseract worker did), so tests and scripts call it only to tidy up.
 */
export async function terminateDocumentReaders(): Promise<void> {
  releaseOcrBTemplates();
}
