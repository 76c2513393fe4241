import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { OCR_B_FONT_FILE } from "@/lib/documents/ocr-b-font";
import { resolvePackageFile } from "@/lib/documents/resolve-package-file";

/**
 * The fonts test documents are drawn in, taken from npm (dejavu-fonts-ttf) and embedded in the page, so a
 * rendered document looks the same with or without the machine's own fonts (Debian's fonts-dejavu, or the
 * single font @sparticuz/chromium brings). The family names are our own: a page can never quietly pick up
 * a system font of the same name instead.
 */
export const TEST_DOCUMENT_FONTS = {
  mono: "'Test Document Mono'",
  sans: "'Test Document Sans'",
  /** The OCR-B of ISO 1073-2, as MRZs are printed (lib/documents/fonts/README.md). */
  ocrb: "'Test Document OCR-B'",
} as const;

const FACES = [
  { family: TEST_DOCUMENT_FONTS.mono, weight: "normal", file: "dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf" },
  { family: TEST_DOCUMENT_FONTS.sans, weight: "normal", file: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf" },
  { family: TEST_DOCUMENT_FONTS.sans, weight: "bold", file: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf" },
  { family: TEST_DOCUMENT_FONTS.ocrb, weight: "normal", file: OCR_B_FONT_FILE },
] as const;

let css: string | undefined;

/** @font-face rules with the font files as data URLs (a page set with setContent may not load file: URLs). */
export function testDocumentFontCss(): string {
  css ??= FACES.map(({ family, weight, file }) => {
    const opentype = file.endsWith(".otf");
    const data = readFileSync(opentype ? file : resolvePackageFile(file)).toString("base64");
    const source = opentype ? `url(data:font/otf;base64,${data}) format("opentype")` : `url(data:font/ttf;base64,${data}) format("truetype")`;
    return `@font-face { font-family: ${family}; font-weight: ${weight}; src: ${source}; }`;
  }).join("\n");
  return css;
}

/** Loads every embedded face and fails loudly if one did not load, rather than render in a fallback font. */
export async function loadTestDocumentFonts(page: Page): Promise<void> {
  const failed = await page.evaluate(async () => {
    const faces = [...document.fonts];
    await Promise.allSettled(faces.map((face) => face.load()));
    return faces.filter((face) => face.status !== "loaded").map((face) => `${face.family} ${face.weight}`);
  });
  if (failed.length > 0) throw new Error(`Test document fonts did not load: ${failed.join(", ")}`);
}
