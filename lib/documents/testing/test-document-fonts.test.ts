import { describe, expect, it } from "vitest";
import { loadTestDocumentFonts, TEST_DOCUMENT_FONTS, testDocumentFontCss } from "./test-document-fonts";
import { withChromiumPage } from "./with-chromium-page";

// DejaVu Sans Mono advances every glyph by 1233/2048 em (~60.2 px at 100 px; builds that hint round it to 60).
const DEJAVU_MONO_ADVANCE_PX = (100 * 1233) / 2048;

describe("test document fonts", () => {
  it("draws the MRZ in the DejaVu Sans Mono that npm ships, whatever fonts the machine has", async () => {
    const measured = await withChromiumPage(async (page) => {
      const span = (id: string, family: string, text: string) => `<span id="${id}" style="font-family: ${family}">${text}</span>`;
      await page.setContent(`<style>${testDocumentFontCss()} span { font-size: 100px; white-space: pre; }</style>
        ${span("monoFiller", TEST_DOCUMENT_FONTS.mono, "&lt;&lt;&lt;&lt;&lt;")}${span("monoWide", TEST_DOCUMENT_FONTS.mono, "WWWWW")}
        ${span("otherFiller", "'No Such Font Anywhere'", "&lt;&lt;&lt;&lt;&lt;")}${span("otherWide", "'No Such Font Anywhere'", "WWWWW")}`);
      await loadTestDocumentFonts(page);
      const width = (id: string) => page.locator(`#${id}`).evaluate((element) => element.getBoundingClientRect().width);
      return {
        faces: await page.evaluate(() => [...document.fonts].map((face) => `${face.family}:${face.status}`)),
        monoFiller: await width("monoFiller"),
        monoWide: await width("monoWide"),
        otherFiller: await width("otherFiller"),
        otherWide: await width("otherWide"),
      };
    });
    expect(measured.faces).toEqual(expect.arrayContaining(["Test Document Mono:loaded", "Test Document Sans:loaded"]));
    expect(measured.monoFiller).toBe(measured.monoWide);
    expect(Math.abs(measured.monoFiller / 5 - DEJAVU_MONO_ADVANCE_PX)).toBeLessThan(0.5);
    // The fallback a machine would use without the embedded face is proportional: the test above would catch it.
    expect(measured.otherFiller).not.toBe(measured.otherWide);
  });
});
