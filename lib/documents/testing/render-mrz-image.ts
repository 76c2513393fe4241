import type { Page } from "@playwright/test";
import { loadTestDocumentFonts, TEST_DOCUMENT_FONTS, testDocumentFontCss } from "./test-document-fonts";
import { withChromiumPage } from "./with-chromium-page";

export interface RenderMrzImageOptions {
  /** Reuse an open page (faster when rendering many); otherwise a browser is launched for this image. */
  page?: Page;
  /** CSS font-family for the MRZ; OCR-B by default, as on real documents. */
  fontFamily?: string;
  /** Text printed on the card face above the MRZ, for realism; defaults to a generic title. */
  title?: string;
  /** The holder's photo (JPEG or PNG) printed in the portrait box, as on a passport photo page; grey when absent. */
  portrait?: Buffer;
}

/**
 * Real MRZs are printed in OCR-B (ICAO 9303 Part 3 §4.1): the free OCR-B vendored in lib/documents/fonts,
 * embedded in the page (see test-document-fonts), so no system font is involved.
 */
export const MRZ_FONT_FAMILY = TEST_DOCUMENT_FONTS.ocrb;

/** Page size per format: ID-1 cards 85.6 × 54 mm, ID-2 105 × 74 mm, passport pages 125 × 88 mm, at ~8.4 px/mm. */
const PAGE = { 3: { width: 720, height: 454 }, 2: { width: 1000, height: 704 } } as const;
const TD2_PAGE = { width: 884, height: 622 };
/** ICAO 9303 Part 3 §4.1: ten characters per inch, 2.54 mm, whatever the document size. */
const PITCH_MM = 2.54;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function documentHtml(lines: string[], fontFamily: string, title: string, portrait?: Buffer): string {
  const passport = lines.length === 2;
  const { width, height } = lines[0]?.length === 36 ? TD2_PAGE : PAGE[lines.length === 3 ? 3 : 2];
  return `<!doctype html><html><head><style>
    ${testDocumentFontCss()}
    body { margin: 0; background: #8a8f98; }
    .card { box-sizing: border-box; width: ${width}px; height: ${height}px; margin: 40px; padding: 28px 32px;
      background: linear-gradient(135deg, #f4efe1, #e3ecf3); border-radius: 18px; position: relative;
      font-family: ${TEST_DOCUMENT_FONTS.sans}; color: #1d2b3a; }
    .title { font-size: 26px; font-weight: bold; letter-spacing: 2px; }
    .photo { position: absolute; left: 32px; top: 90px; width: ${passport ? 200 : 150}px; height: ${passport ? 250 : 190}px;
      background: #c9d3dc ${portrait ? `url(data:image/jpeg;base64,${portrait.toString("base64")}) center / cover no-repeat` : ""}; border-radius: 6px; }
    .fields { position: absolute; left: ${passport ? 260 : 210}px; top: 96px; font-size: 17px; line-height: 1.7; }
    .mrz { position: absolute; left: 0; right: 0; bottom: 22px; text-align: center;
      font-family: ${fontFamily}; font-size: 30px; line-height: 1.45; white-space: pre; color: #111; }
  </style></head><body><div class="card" id="document">
    <div class="title">${escapeHtml(title)}</div><div class="photo"></div>
    <div class="fields">SPECIMEN<br>NOT A VALID DOCUMENT</div>
    <div class="mrz" id="mrz">${lines.map(escapeHtml).join("\n")}</div>
  </div></body></html>`;
}

function pageWidth(lines: string[]): number {
  return lines[0]?.length === 36 ? TD2_PAGE.width : PAGE[lines.length === 3 ? 3 : 2].width;
}

/** Sizes the MRZ font so that characters sit at the real 2.54 mm pitch of the page, whichever font is used. */
async function fitMrzPitch(page: Page, lines: string[], width: number): Promise<void> {
  const millimetres = width === TD2_PAGE.width ? 105 : width === PAGE[3].width ? 85.6 : 125;
  const pitch = (width / millimetres) * PITCH_MM;
  const characters = Math.max(...lines.map((line) => line.length));
  await page.evaluate(
    ({ pitch, characters }) => {
      const zone = document.getElementById("mrz");
      if (!zone) throw new Error("no MRZ element");
      const range = document.createRange();
      range.selectNodeContents(zone);
      const measured = range.getBoundingClientRect().width / characters;
      zone.style.fontSize = `${(30 * pitch) / measured}px`;
    },
    { pitch, characters },
  );
}

async function screenshotDocument(page: Page, lines: string[], fontFamily: string, title: string, portrait?: Buffer): Promise<Buffer> {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.setContent(documentHtml(lines, fontFamily, title, portrait));
  await loadTestDocumentFonts(page);
  await fitMrzPitch(page, lines, pageWidth(lines));
  // Include the grey surroundings, as a phone photo would, so the document does not touch the edge.
  const card = await page.locator("#document").boundingBox();
  if (!card) throw new Error("The document did not render");
  const margin = 30;
  return page.screenshot({
    type: "png",
    clip: { x: card.x - margin, y: card.y - margin, width: card.width + 2 * margin, height: card.height + 2 * margin },
  });
}

/**
 * Renders an ID card (3 MRZ lines) or passport data page (2 lines) in Chromium and returns a PNG.
 * The MRZ lines are printed exactly as given, so callers can render forged or OCR-confusable text.
 */
export async function renderMrzImage(lines: string[], options: RenderMrzImageOptions = {}): Promise<Buffer> {
  const fontFamily = options.fontFamily ?? MRZ_FONT_FAMILY;
  const title = options.title ?? (lines.length === 2 ? "PASSPORT" : "IDENTITY CARD");
  if (options.page) return screenshotDocument(options.page, lines, fontFamily, title, options.portrait);
  return withChromiumPage((page) => screenshotDocument(page, lines, fontFamily, title, options.portrait));
}
