import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/prisma";

/**
 * How many rows a word's stream holds, as a share of all word rows: PostgreSQL's own statistics of
 * `employee_search_word.word` (its 1 000 most common words, kept by ANALYZE/autovacuum). A search walks the
 * streams of the query word that names the fewest rows, so "nur garc" walks the Nurias looking for a García and
 * not the other way round. A word outside the list is rarer than every word in it. Read at most once a minute per
 * process: the figures move only with large syncs, and a stale figure only makes a walk slower, never wrong.
 */
export type WordFrequencies = { frequencyOf(word: string): number; prefixFrequencyOf(prefix: string): number };

const statisticsSchema = z.array(z.object({ words: z.array(z.string()).nullable(), frequencies: z.array(z.number()).nullable() }));
const REFRESH_MS = 60_000;

let cached: { at: number; frequencies: WordFrequencies } | null = null;

function frequenciesFrom(words: string[], frequencies: number[]): WordFrequencies {
  const byWord = new Map(words.map((word, index) => [word, frequencies[index] ?? 0]));
  const sorted = [...byWord.keys()].sort();
  // Below every listed word: the list is the most common ones (and empty on a table never analysed).
  const unlisted = Math.min(...frequencies, 1) / 2;
  return {
    frequencyOf: (word) => byWord.get(word) ?? unlisted,
    prefixFrequencyOf(prefix) {
      let total = 0;
      for (const word of sorted) if (word.startsWith(prefix)) total += byWord.get(word) ?? 0;
      return total > 0 ? total : unlisted;
    },
  };
}

export async function readWordFrequencies(): Promise<WordFrequencies> {
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.frequencies;
  const rows = statisticsSchema.parse(await db().$queryRaw<unknown[]>`
    SELECT most_common_vals::text::text[] AS "words", most_common_freqs::float8[] AS "frequencies"
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'employee_search_word' AND attname = 'word'`);
  const [row] = rows;
  const frequencies = frequenciesFrom(row?.words ?? [], row?.frequencies ?? []);
  cached = { at: Date.now(), frequencies };
  return frequencies;
}

/** The next search reads the statistics again (tests, after an ANALYZE). */
export function forgetWordFrequencies(): void {
  cached = null;
}
