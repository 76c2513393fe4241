/**
 * Jaro-Winkler similarity (0..1, symmetric), standard parameters: prefix scale 0.1, prefix up to 4 characters.
 *
 * Hand-written on purpose. cmpstr 3.3.0 (installed) offers Jaro-Winkler, but its buffer pool does not take a
 * buffer out when lending it, so the two match arrays of one comparison can be the same memory and the result
 * depends on earlier calls (seen: mohammed/mohamed scored 0.975, then 0.946 in the same process). It also caches
 * results under 32-bit hashes without comparing the strings. A verification decision must be deterministic,
 * and no other installed package implements the metric, so it is implemented here (about 30 lines).
 */
export function jaroWinklerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const jaro = jaroSimilarity(a, b);
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return Math.min(1, jaro + prefix * 0.1 * (1 - jaro));
}

function jaroSimilarity(a: string, b: string): number {
  // A fixed order (shorter first, then alphabetical) makes the greedy matching, and so the score, symmetric.
  const [shorter, longer] = a.length < b.length || (a.length === b.length && a <= b) ? [a, b] : [b, a];
  const window = Math.max(0, Math.floor(longer.length / 2) - 1);
  const longerMatched = new Array<boolean>(longer.length).fill(false);
  const shorterMatches: string[] = [];
  for (let i = 0; i < shorter.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(longer.length, i + window + 1); j++) {
      if (!longerMatched[j] && shorter[i] === longer[j]) {
        longerMatched[j] = true;
        shorterMatches.push(shorter[i] ?? "");
        break;
      }
    }
  }
  const matches = shorterMatches.length;
  if (matches === 0) return 0;
  const longerMatches = longer.split("").filter((_, j) => longerMatched[j]);
  const halfTranspositions = shorterMatches.filter((char, k) => char !== longerMatches[k]).length;
  const transpositions = halfTranspositions / 2;
  return (matches / shorter.length + matches / longer.length + (matches - transpositions) / matches) / 3;
}
