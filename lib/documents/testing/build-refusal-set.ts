import type { Page } from "@playwright/test";
import type { DocumentReadHint } from "../types";
import { buildMrz } from "./build-mrz";
import { addGlare, blankImage, blurImage, cropImage, cropImageBottom, lowLightImage, perspectiveImage, phoneJpeg, shrinkImage, tiltImage } from "./degrade-image";
import { code128Image, distantDocumentImage, motionBlurImage, pdfFile, qrCodeImage, rotateDocumentImage, sceneImage, svgFile, textPageImage, toVisaMrz } from "./degrade-image-more";
import { renderAamvaBarcode } from "./render-aamva-barcode";
import { renderMrzImage } from "./render-mrz-image";
import { TEST_IDENTITIES } from "./test-identities";

/** Why a sample should be refused; "good" samples must be read. */
export type RefusalCause = "good" | "too small" | "not a document" | "unsupported" | "tilted" | "blurred" | "glare" | "cropped";

export interface RefusalSample {
  /** Unique, e.g. "licence tilted 35°". */
  name: string;
  cause: RefusalCause;
  /** What is in the picture; MRZ samples depend on the MRZ reader for "good", licences on PDF417 only. */
  document: "licence" | "mrz" | "other";
  /** The hints that name the cause; empty for good samples. */
  expected: readonly DocumentReadHint[];
  make: () => Promise<Buffer>;
}

/** The hint(s) that name each cause correctly. */
export const EXPECTED_HINTS: Record<RefusalCause, readonly DocumentReadHint[]> = {
  good: [],
  "too small": ["low_resolution"],
  "not a document": ["not_a_document"],
  unsupported: ["unsupported_format", "unsupported_document"],
  tilted: ["tilted"],
  blurred: ["blur"],
  glare: ["glare"],
  cropped: ["cropped"],
};

interface Originals {
  licence: Buffer;
  td1: Buffer;
  td2: Buffer;
  td3: Buffer;
  visa: Buffer;
  textPage: Buffer;
}

/** Renders the clean documents once (licence back, TD1/TD2/TD3, a visa, a letter) on one Chromium page. */
export async function renderRefusalOriginals(page: Page): Promise<Originals> {
  const person = TEST_IDENTITIES.valid;
  return {
    licence: await renderAamvaBarcode(person),
    td1: await renderMrzImage(buildMrz(person, "TD1"), { page }),
    td2: await renderMrzImage(buildMrz(person, "TD2"), { page }),
    td3: await renderMrzImage(buildMrz(person, "TD3"), { page }),
    visa: await renderMrzImage(toVisaMrz(buildMrz(person, "TD3")), { page, title: "VISA" }),
    textPage: await textPageImage(page),
  };
}

/**
 * The labelled degradation set of issue 13: per refusal cause, licence backs and MRZ documents degraded the way
 * real uploads are, plus good photos (clean, tilted up to 15°, mild perspective, low light, phone JPEG) that
 * must still be read. Images are made lazily by `make`, so a test can build only the subset it asserts on.
 */
export function refusalSamples(originals: Originals): RefusalSample[] {
  const { licence, td1, td2, td3, visa, textPage } = originals;
  const sample = (cause: RefusalCause, document: RefusalSample["document"], name: string, make: () => Promise<Buffer>): RefusalSample => ({
    name,
    cause,
    document,
    expected: EXPECTED_HINTS[cause],
    make,
  });
  const mrz = { td1, td2, td3 } as const;
  const each = <T>(list: readonly T[], build: (item: T) => RefusalSample) => list.map(build);
  return [
    sample("good", "licence", "licence clean", async () => licence),
    ...each([-15, -8, 8, 15], (degrees) => sample("good", "licence", `licence tilted ${degrees}°`, () => tiltImage(licence, degrees))),
    sample("good", "licence", "licence mild perspective", () => perspectiveImage(licence, 0.1, 5)),
    sample("good", "licence", "licence low light", () => lowLightImage(licence)),
    sample("good", "licence", "licence phone JPEG", () => phoneJpeg(licence, 1200)),
    ...each(["td1", "td2", "td3"] as const, (kind) => sample("good", "mrz", `${kind} clean`, async () => mrz[kind])),
    sample("good", "mrz", "td3 tilted 8°", () => tiltImage(td3, 8)),
    sample("good", "mrz", "td3 low light", () => lowLightImage(td3)),
    sample("good", "mrz", "td1 phone JPEG", () => phoneJpeg(td1, 1000)),

    sample("too small", "licence", "licence thumbnail", () => shrinkImage(licence, 240)),
    sample("too small", "mrz", "td3 thumbnail", () => shrinkImage(td3, 240)),
    sample("too small", "mrz", "td1 thumbnail", () => shrinkImage(td1, 200)),
    sample("too small", "licence", "licence from too far", () => distantDocumentImage(licence, 0.2)),
    sample("too small", "mrz", "td3 from too far", () => distantDocumentImage(td3, 0.12)),
    sample("too small", "mrz", "td1 from too far", () => distantDocumentImage(td1, 0.1)),

    sample("not a document", "other", "blank frame", () => blankImage()),
    sample("not a document", "other", "dark blank frame", async () => lowLightImage(await blankImage(900, 1200))),
    ...each([1, 2, 3], (seed) => sample("not a document", "other", `scene ${seed}`, () => sceneImage(seed))),
    sample("not a document", "other", "letter", async () => textPage),
    sample("not a document", "other", "letter phone JPEG", () => phoneJpeg(textPage, 900)),

    sample("unsupported", "other", "QR code", () => qrCodeImage()),
    sample("unsupported", "other", "Code 128", () => code128Image()),
    sample("unsupported", "mrz", "visa", async () => visa),
    sample("unsupported", "other", "SVG file", async () => svgFile()),
    sample("unsupported", "other", "PDF file", async () => pdfFile()),

    ...each([25, -35, 45, 60], (degrees) => sample("tilted", "licence", `licence tilted ${degrees}°`, () => rotateDocumentImage(licence, degrees))),
    sample("tilted", "mrz", "td3 tilted 30°", () => rotateDocumentImage(td3, 30)),
    sample("tilted", "mrz", "td1 tilted -40°", () => rotateDocumentImage(td1, -40)),
    sample("tilted", "mrz", "td2 tilted 55°", () => rotateDocumentImage(td2, 55)),
    sample("tilted", "mrz", "td3 tilted -25°", () => rotateDocumentImage(td3, -25)),

    sample("blurred", "licence", "licence out of focus", () => blurImage(licence, 6)),
    sample("blurred", "mrz", "td3 out of focus", () => blurImage(td3, 6)),
    sample("blurred", "mrz", "td1 out of focus", () => blurImage(td1, 4)),
    sample("blurred", "licence", "licence motion blur 0°", () => motionBlurImage(licence, 25, 0)),
    sample("blurred", "licence", "licence motion blur 45°", () => motionBlurImage(licence, 25, 45)),
    sample("blurred", "mrz", "td3 motion blur 0°", () => motionBlurImage(td3, 25, 0)),
    sample("blurred", "mrz", "td1 motion blur 90°", () => motionBlurImage(td1, 21, 90)),
    sample("blurred", "mrz", "td2 motion blur 30°", () => motionBlurImage(td2, 25, 30)),

    sample("glare", "licence", "licence glare", () => addGlare(licence)),
    sample("glare", "mrz", "td3 glare", () => addGlare(td3)),
    sample("glare", "mrz", "td1 glare", () => addGlare(td1)),
    sample("glare", "mrz", "td2 glare", () => addGlare(td2)),

    sample("cropped", "licence", "licence cut off right", () => cropImage(licence, 0.6)),
    sample("cropped", "mrz", "td1 cut off right", () => cropImage(td1, 0.6)),
    sample("cropped", "mrz", "td3 cut off bottom", () => cropImageBottom(td3, 0.85)),
    sample("cropped", "mrz", "td2 cut off right", () => cropImage(td2, 0.7)),
  ];
}
