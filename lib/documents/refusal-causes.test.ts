import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnoseReadFailure } from "./diagnose-read-failure";
import { readIdentityDocument, terminateDocumentReaders } from "./index";
import { normalizeImage } from "./normalize-image";
import { refusalSamples, renderRefusalOriginals, withChromiumPage, type RefusalSample } from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
let samples: RefusalSample[] = [];
const images = new Map<string, Buffer>();

/** Through the whole reader: every licence sample (PDF417 only), and non-documents, barcodes and files. */
const THROUGH_READER = [
  "licence clean",
  "licence tilted 15°",
  "licence mild perspective",
  "licence low light",
  "licence phone JPEG",
  "licence from too far",
  "licence tilted -35°",
  "licence tilted 60°",
  "licence out of focus",
  "licence motion blur 0°",
  "licence motion blur 45°",
  "licence glare",
  "licence cut off right",
  "scene 2",
  "QR code",
  "SVG file",
  "td3 tilted 30°",
];

beforeAll(async () => {
  const originals = await withChromiumPage((page) => renderRefusalOriginals(page));
  samples = refusalSamples(originals);
  for (const sample of samples) images.set(sample.name, await sample.make());
}, 60_000);

afterAll(() => terminateDocumentReaders());

function sampleNamed(name: string): RefusalSample {
  const sample = samples.find((entry) => entry.name === name);
  if (!sample) throw new Error(`no sample ${name}`);
  return sample;
}

describe("every refusal names its real cause (issue 13)", () => {
  it.each(THROUGH_READER)("%s", async (name) => {
    const sample = sampleNamed(name);
    const result = await readIdentityDocument(images.get(name)!, { now });
    if (sample.cause === "good") {
      expect(result).toMatchObject({ ok: true, document: { kind: "AAMVA", documentNumber: "L898902C3" } });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(sample.expected).toContain(result.failure.hint);
  }, 30_000);

  it("names the cause of every bad photo of a document from the image alone, whatever OCR saw", async () => {
    // The MRZ reader is not consulted here, so this holds for MRZ documents however the reader changes.
    const photos = samples.filter((sample) => sample.cause !== "good" && sample.cause !== "unsupported");
    const wrong: string[] = [];
    for (const sample of photos) {
      const hint = diagnoseReadFailure(await normalizeImage(images.get(sample.name)!), "none").hint;
      if (!sample.expected.includes(hint)) wrong.push(`${sample.name}: ${hint}`);
    }
    expect(photos.length).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  }, 30_000);

  it("does not call an upright clean document tilted, shaken, too far or glared when its MRZ was not read", async () => {
    for (const name of ["td1 clean", "td2 clean", "td3 clean", "td3 tilted 8°", "td3 low light", "td1 phone JPEG"]) {
      const hint = diagnoseReadFailure(await normalizeImage(images.get(name)!), "none").hint;
      expect([name, hint]).toEqual([name, "not_a_document"]);
    }
  }, 30_000);
});
