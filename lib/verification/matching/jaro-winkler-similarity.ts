import { CmpStr } from "cmpstr";
import { Metric } from "cmpstr/root";

const jaroWinkler = CmpStr.create({ metric: "jaroWinkler" });

/**
 * Jaro-Winkler similarity (0..1, symmetric) from cmpstr.
 *
 * cmpstr memoises results in a process-wide table keyed by a 32-bit hash of each input without comparing the
 * strings themselves. A crafted value whose hash collides with an earlier, matching one would inherit that score,
 * so the table is emptied before every comparison: verification decisions must never come from a cache.
 */
export function jaroWinklerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  Metric.clear();
  return jaroWinkler.compare(a, b);
}
