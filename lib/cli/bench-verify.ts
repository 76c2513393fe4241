/**
 * `npm run bench:verify`: reads one generated driver's licence barcode (AAMVA PDF417) and one passport photo
 * page (MRZ TD3, OCR) through the real document pipeline. The first call of each kind is the cold start
 * (zxing wasm / tesseract worker start-up included), then BENCH_RUNS (default 30) timed reads each.
 * Prints p50/p95 per kind, the cold starts, how many reads came back correct, and the peak RSS.
 * A measurement, not a test.
 */
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { readIdentityDocument, terminateDocumentReaders } from "@/lib/documents";
import { buildMrz, renderAamvaBarcode, renderMrzImage, TEST_IDENTITIES, tiltImage } from "@/lib/documents/testing";

const runs = z.coerce.number().int().positive().parse(process.env.BENCH_RUNS ?? "30");
const person = TEST_IDENTITIES.valid;

const licence = await renderAamvaBarcode(person);
/** Hand-held licence photos: every whole degree from -15° to 15°, soft and JPEG-compressed (issue 13). */
const tilted = await Promise.all(Array.from({ length: 31 }, (_, index) => tiltImage(licence, index - 15)));
const images = {
  AAMVA: [licence],
  "AAMVA tilted ±15°": tilted,
  MRZ_TD3: [await renderMrzImage(buildMrz(person, "TD3"))],
};
const expectedKind = { AAMVA: "AAMVA", "AAMVA tilted ±15°": "AAMVA", MRZ_TD3: "MRZ_TD3" } as const;

/** A read counts as correct only when the kind, number, birth date and consistency all match. */
async function timedRead(kind: keyof typeof images, run: number): Promise<{ ms: number; correct: boolean }> {
  const started = performance.now();
  const result = await readIdentityDocument(images[kind][run % images[kind].length]!);
  const ms = performance.now() - started;
  const correct =
    result.ok && result.consistent && result.document.kind === expectedKind[kind] && result.document.documentNumber === person.documentNumber && result.document.dateOfBirth === person.dateOfBirth;
  return { ms, correct };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

const rows: string[][] = [];
try {
  for (const kind of ["AAMVA", "AAMVA tilted ±15°", "MRZ_TD3"] as const) {
    const cold = await timedRead(kind, 0);
    const samples: number[] = [];
    let correct = cold.correct ? 1 : 0;
    for (let run = 0; run < runs; run++) {
      const read = await timedRead(kind, run + 1);
      samples.push(read.ms);
      if (read.correct) correct++;
    }
    samples.sort((a, b) => a - b);
    rows.push([kind, cold.ms.toFixed(0), percentile(samples, 0.5).toFixed(0), percentile(samples, 0.95).toFixed(0), `${correct}/${runs + 1}`]);
  }
} finally {
  await terminateDocumentReaders();
}

const header = ["kind", "cold ms", "p50 ms", "p95 ms", "correct"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const format = (row: string[]) => row.map((cell, column) => cell.padStart(widths[column]!)).join("  ");
process.stdout.write(`${[format(header), ...rows.map(format)].join("\n")}\n`);
// maxRSS is reported in kilobytes.
process.stdout.write(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${runs} timed reads per kind after one cold read)\n`);
