import type { Page } from "@playwright/test";
import { loadTestDocumentFonts, TEST_DOCUMENT_FONTS, testDocumentFontCss } from "./test-document-fonts";
import type { TestIdentity } from "./test-identities";
import { withChromiumPage } from "./with-chromium-page";

export interface RenderCardFrontOptions {
  page?: Page;
  /** The holder's photo (JPEG or PNG) in the portrait box; the box is left grey without one. */
  portrait?: Buffer;
  /** US licence (MM/DD/YYYY, AAMVA field numbers) or a European ID card front (DD.MM.YYYY). */
  layout?: "US_LICENCE" | "EU_ID_CARD";
  /** Printed instead of the identity's own values: a front that belongs to another card. */
  documentNumber?: string;
  dateOfBirth?: string;
  surname?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function usDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${month}/${day}/${year}`;
}

function euDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

function fieldsHtml(person: TestIdentity, options: RenderCardFrontOptions): string {
  const number = options.documentNumber ?? person.documentNumber;
  const birth = options.dateOfBirth ?? person.dateOfBirth;
  const surname = (options.surname ?? person.surname).toUpperCase();
  if (options.layout === "EU_ID_CARD") {
    return `<div class="label">Surname / Nom</div><div class="value">${escapeHtml(surname)}</div>
      <div class="label">Given names / Prénoms</div><div class="value">${escapeHtml(person.givenNames.toUpperCase())}</div>
      <div class="label">Date of birth</div><div class="value">${euDate(birth)}</div>
      <div class="label">Document No.</div><div class="value">${escapeHtml(number)}</div>`;
  }
  const address = person.address ? `${escapeHtml(person.address.street.toUpperCase())}<br>${escapeHtml(person.address.city.toUpperCase())}, ${person.address.state} ${person.address.postalCode}` : "";
  return `<div class="value big"><span class="label">4d DLN</span> ${escapeHtml(number)}</div>
    <div class="value"><span class="label">4b EXP</span> ${usDate(person.expiryDate)}</div>
    <div class="value"><span class="label">1</span> ${escapeHtml(surname)}</div>
    <div class="value"><span class="label">2</span> ${escapeHtml(person.givenNames.toUpperCase())}</div>
    <div class="value small">${address}</div>
    <div class="value"><span class="label">3 DOB</span> ${usDate(birth)}</div>
    <div class="value"><span class="label">15 SEX</span> ${person.sex} <span class="label">16 HGT</span> 5'-06"</div>`;
}

function frontHtml(person: TestIdentity, options: RenderCardFrontOptions): string {
  const title = options.layout === "EU_ID_CARD" ? "IDENTITY CARD" : `${person.issuingJurisdiction ?? "CA"} DRIVER LICENSE`;
  const portrait = options.portrait ? `url(data:image/jpeg;base64,${options.portrait.toString("base64")}) center / cover no-repeat` : "";
  return `<!doctype html><html><head><style>
    ${testDocumentFontCss()}
    body { margin: 0; background: #8a8f98; }
    .card { box-sizing: border-box; width: 720px; height: 454px; margin: 40px; padding: 22px 28px; position: relative; border-radius: 18px;
      background: repeating-radial-gradient(circle at 70% 40%, #eef3f8 0 6px, #e2ebf4 6px 12px), #eef3f8;
      font-family: ${TEST_DOCUMENT_FONTS.sans}; color: #1d2b3a; }
    .title { font-size: 28px; font-weight: bold; letter-spacing: 1px; color: #1b3f78; }
    .photo { position: absolute; left: 28px; top: 82px; width: 200px; height: 260px; border-radius: 6px; background: #c9d3dc ${portrait}; }
    .fields { position: absolute; left: 252px; top: 80px; right: 24px; }
    .label { font-size: 14px; color: #8a1f1f; }
    .value { font-size: 22px; font-weight: bold; line-height: 1.5; }
    .value.big { font-size: 26px; } .value.small { font-size: 16px; line-height: 1.3; }
  </style></head><body><div class="card" id="document">
    <div class="title">${escapeHtml(title)}</div><div class="photo"></div>
    <div class="fields">${fieldsHtml(person, options)}</div>
  </div></body></html>`;
}

async function screenshotFront(page: Page, person: TestIdentity, options: RenderCardFrontOptions): Promise<Buffer> {
  await page.setViewportSize({ width: 900, height: 600 });
  await page.setContent(frontHtml(person, options));
  await loadTestDocumentFonts(page);
  const card = await page.locator("#document").boundingBox();
  if (!card) throw new Error("The card did not render");
  const margin = 30;
  return page.screenshot({ type: "png", clip: { x: card.x - margin, y: card.y - margin, width: card.width + 2 * margin, height: card.height + 2 * margin } });
}

/**
 * The front of a test card: the side with the holder's photo, the printed name, birth date and document number,
 * drawn in the embedded test fonts (no system font involved). A licence's barcode side is renderAamvaBarcode.
 */
export async function renderCardFront(person: TestIdentity, options: RenderCardFrontOptions = {}): Promise<Buffer> {
  if (options.page) return screenshotFront(options.page, person, options);
  return withChromiumPage((page) => screenshotFront(page, person, options));
}
