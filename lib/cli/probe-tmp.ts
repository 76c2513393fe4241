import { performance } from "node:perf_hooks";
import { generateSyntheticSet } from "@/lib/documents/testing/synthetic-set";
import { parseAamva } from "@/lib/documents/parse-aamva";
const t = performance.now();
const counts: Record<string, number> = {};
for await (const item of generateSyntheticSet({ size: (process.env.BENCH_SET as "small") ?? "small" })) {
  const key = `${item.documentClass} ${item.variant}`;
  counts[key] = (counts[key] ?? 0) + 1;
  if (item.barcodeText && item.variant === "clean") { const r = parseAamva(item.barcodeText); console.log(item.id, r?.documentNumber, r?.surname, r?.givenNames, r?.dateOfBirth, r?.expiryDate, JSON.stringify(item.expected), r?.checks.filter(c=>!c.passed).map(c=>c.name)); }
  if (item.variant === "clean" && !item.barcodeText) console.log(item.id, JSON.stringify(item.expected));
}
console.log(counts, performance.now() - t);
