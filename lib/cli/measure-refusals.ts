/**
 * `npx tsx lib/cli/measure-refusals.ts`: runs the labelled degradation set of issue 13 (lib/documents/testing/
 * build-refusal-set.ts) through readIdentityDocument and prints a confusion table, refusal cause × outcome
 * ("read" or the hint given), then every sample whose outcome does not name its cause. MEASURE_DUMP=<dir> also
 * writes each image there, for looking at. A measurement, not a test.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readIdentityDocument, terminateDocumentReaders } from "@/lib/documents";
import { diagnoseReadFailure } from "@/lib/documents/diagnose-read-failure";
import { normalizeImage } from "@/lib/documents/normalize-image";
import { refusalSamples, renderRefusalOriginals, sceneImage, withChromiumPage, type RefusalCause } from "@/lib/documents/testing";

const now = new Date("2026-11-21T12:00:00Z");
const dump = process.env.MEASURE_DUMP;
const only = process.env.MEASURE_ONLY;
if (dump) mkdirSync(dump, { recursive: true });

const originals = await withChromiumPage((page) => renderRefusalOriginals(page));
const samples = refusalSamples(originals).filter((sample) => !only || sample.name.includes(only));
const outcomes: { name: string; cause: RefusalCause; document: string; outcome: string; right: boolean }[] = [];
try {
  for (const sample of samples) {
    const image = await sample.make();
    if (dump) writeFileSync(join(dump, `${sample.name.replace(/[^a-z0-9]+/gi, "-")}.img`), image);
    const result = await readIdentityDocument(image, { now });
    const outcome = result.ok ? "read" : result.failure.hint;
    const right = sample.cause === "good" ? result.ok : !result.ok && sample.expected.includes(result.failure.hint);
    outcomes.push({ name: sample.name, cause: sample.cause, document: sample.document, outcome, right });
    process.stderr.write(`${right ? "ok  " : "MISS"} ${sample.name}: ${outcome}\n`);
  }
} finally {
  await terminateDocumentReaders();
}

const causes = [...new Set(outcomes.map((row) => row.cause))];
const columns = [...new Set(["read", ...outcomes.map((row) => row.outcome)])];
const table = [
  ["cause \\ outcome", ...columns, "right"],
  ...causes.map((cause) => {
    const rows = outcomes.filter((row) => row.cause === cause);
    return [cause, ...columns.map((column) => String(rows.filter((row) => row.outcome === column).length || ".")), `${rows.filter((row) => row.right).length}/${rows.length}`];
  }),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
process.stdout.write(`${table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")).join("\n")}\n`);
const right = outcomes.filter((row) => row.right).length;
process.stdout.write(`\n${right}/${outcomes.length} right (licence and other: ${outcomes.filter((row) => row.right && row.document !== "mrz").length}/${outcomes.filter((row) => row.document !== "mrz").length})\n`);
for (const row of outcomes.filter((entry) => !entry.right)) process.stdout.write(`  wrong: ${row.name} (${row.cause}) -> ${row.outcome}\n`);

// The cost of a diagnosis on the largest normalised image (2000 px long edge), after one warm-up call.
const largest = await normalizeImage(await sceneImage(5, 2000, 1500));
diagnoseReadFailure(largest, "none");
const timings = Array.from({ length: 10 }, () => {
  const started = performance.now();
  diagnoseReadFailure(largest, "none");
  return performance.now() - started;
}).sort((a, b) => a - b);
process.stdout.write(`\ndiagnose on 2000×1500: median ${timings[5]!.toFixed(1)} ms, slowest ${timings[9]!.toFixed(1)} ms\n`);
