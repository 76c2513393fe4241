import path from "node:path";

/**
 * OCR-B (ISO 1073-2), the typeface every MRZ is printed in: Norbert Schwarz's free OCR-B as converted to
 * OpenType by Matthew Skala (Debian's fonts-ocr-b 0.3), vendored so no system font is needed. Licence and
 * provenance: lib/documents/fonts/README.md.
 */
export const OCR_B_FONT_FILE = path.join(process.cwd(), "lib", "documents", "fonts", "OCRB.otf");
