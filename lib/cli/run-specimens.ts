// Runs the document reader on every held-out MRZ image (lib/documents/testing/specimens) and prints expected vs read,
// so the reader can be measured on documents no one in this project made. It only measures: never tune on this set.
// Usage: npx tsx lib/cli/run-specimens.ts [id-substring]
import { readFileSync } from "node:fs";
import { readIdentityDocument, terminateDocumentReaders } from "@/lib/documents";
import { loadSpecimens, specimenPath, type MrzImageSpecimen } from "@/lib/documents/testing/specimens/load-specimens";

const print = (text: string) => process.stdout.write(`${text}\n`);

type Outcome = "correct" | "wrong-accepted" | "wrong-inconsistent" | "refused" | "refused-correctly" | "accepted-should-refuse";

const FIELDS = ["documentNumber", "surname", "givenNames", "dateOfBirth", "expiryDate", "nationality", "issuingCountry"] as const;

async function measure(item: MrzImageSpecimen): Promise<{ outcome: Outcome; lines: string[] }> {
  const started = performance.now();
  const result = await readIdentityDocument(readFileSync(specimenPath(item.file)));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const lines = [`${item.id} [${item.documentClass}] ${seconds}s`];
  if (!result.ok) {
    lines.push(`  refused: ${result.failure.reason}/${result.failure.hint}: ${result.failure.message}`);
    if (item.expectRefusal) lines.push(`  expected refusal: ${item.expectRefusal.reason}`);
    return { outcome: item.expectRefusal ? "refused-correctly" : "refused", lines };
  }
  const document = result.document;
  lines.push(`  read ${document.kind}, consistent=${result.consistent}${result.problems.length ? ` (${result.problems.join("; ")})` : ""}`);
  if (document.corrections.length) lines.push(`  corrections: ${document.corrections.join("; ")}`);
  if (item.expectRefusal) {
    lines.push(`  got number=${document.documentNumber} name=${document.surname} / ${document.givenNames}`);
    lines.push(`  expected refusal: ${item.expectRefusal.reason}`);
    // An inconsistent read is flagged, not trusted; only a consistent read of a document that should be refused is wrong.
    return { outcome: result.consistent ? "accepted-should-refuse" : "refused-correctly", lines };
  }
  const expected = item.expected!;
  let allRight = true;
  for (const field of FIELDS) {
    const got = document[field] ?? null;
    const want = expected[field] ?? null;
    const same = got === want;
    if (!same) allRight = false;
    lines.push(`  ${same ? "ok  " : "FAIL"} ${field}: expected ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
  }
  if (allRight) return { outcome: "correct", lines };
  return { outcome: result.consistent ? "wrong-accepted" : "wrong-inconsistent", lines };
}

async function main() {
  const filter = process.argv[2];
  const items = loadSpecimens().mrzImages.filter((item) => !filter || item.id.includes(filter));
  const counts = new Map<Outcome, string[]>();
  try {
    for (const item of items) {
      const { outcome, lines } = await measure(item);
      print(`${lines.join("\n")}\n  => ${outcome}\n`);
      counts.set(outcome, [...(counts.get(outcome) ?? []), item.id]);
    }
  } finally {
    await terminateDocumentReaders();
  }
  const readable = items.filter((item) => item.expected).length;
  print(`Summary over ${items.length} held-out MRZ images (${readable} to read, ${items.length - readable} to refuse):`);
  for (const [outcome, ids] of counts) print(`  ${outcome}: ${ids.length}  ${ids.join(", ")}`);
  print(`  fully correct: ${counts.get("correct")?.length ?? 0} of ${readable}`);
}

await main();
