import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { NameWord, WordSpelling } from "@/lib/directory/search/search-name-streams";

/** Typo tolerance starts at this many letters in a part: shorter ones are all "typos" of each other. */
const MIN_TYPO_PART = 4;
/** At most this many spellings of one query word (a word with two mistyped parts multiplies them). */
const MAX_SPELLINGS = 16;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * Every word one slip away from `part` (Damerau-Levenshtein 1: a letter dropped, added, changed, or two
 * neighbours swapped), about 54 per letter: the typos people make, checked against the directory's words.
 */
export function oneSlipAway(part: string): string[] {
  const variants = new Set<string>();
  for (let at = 0; at <= part.length; at += 1) {
    const [head, tail] = [part.slice(0, at), part.slice(at)];
    if (tail) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of LETTERS) {
      if (tail) variants.add(head + letter + tail.slice(1));
      variants.add(head + letter + tail);
    }
  }
  variants.delete(part);
  return [...variants];
}

const partsSchema = z.array(z.object({ part: z.string(), known: z.boolean(), corrections: z.array(z.string()) }));

/**
 * The query's words with each mistyped part ("johnosn": no word of this directory starts with it) replaced by the
 * directory's words one slip away ("johnson"), as whole words. When every part starts some word and still nothing
 * matched together, the longer parts get their one-slip neighbours added instead. Null when a mistyped part is
 * more than a slip from every word: no typo pass can find anyone. Letters only (hex-spelt scripts are not
 * corrected). Each candidate is one probe of the stream index.
 */
export async function correctTypoWords(connectionId: string, words: NameWord[]): Promise<NameWord[] | null> {
  const parts = [...new Set(words.flatMap((word) => word.flatMap((spelling) => spelling.parts)))].filter((part) => part.length >= MIN_TYPO_PART && /^[a-z]+$/.test(part));
  if (parts.length === 0) return null;
  const candidates = parts.map((part) => ({ part, candidates: oneSlipAway(part) }));
  // Word ranges rather than LIKE for "known": the pattern is not a constant, and '{' follows 'z' in the C collation.
  const rows = partsSchema.parse(await db().$queryRaw<unknown[]>`
    SELECT q.part,
      EXISTS (SELECT FROM "employee_search_word" w
        WHERE w."connectionId" = ${connectionId}::uuid AND w."word" >= q.part AND w."word" < q.part || '{') AS "known",
      ARRAY(SELECT c.word FROM unnest(q.candidates) AS c(word)
        WHERE EXISTS (SELECT FROM "employee_search_word" w WHERE w."connectionId" = ${connectionId}::uuid AND w."word" = c.word)
        ORDER BY c.word) AS "corrections"
    FROM json_to_recordset(${JSON.stringify(candidates)}::json) AS q(part text, candidates text[])`);
  const byPart = new Map(rows.map((row) => [row.part, row]));
  const anyUnknown = rows.some((row) => !row.known);
  const alternativesOf = (part: string): Array<{ word: string; corrected: boolean }> | null => {
    const row = byPart.get(part);
    if (!row) return [{ word: part, corrected: false }];
    const corrections = row.corrections.map((word) => ({ word, corrected: true }));
    if (!row.known) return corrections.length > 0 ? corrections : null;
    return anyUnknown ? [{ word: part, corrected: false }] : [{ word: part, corrected: false }, ...corrections];
  };
  const corrected: NameWord[] = [];
  for (const word of words) {
    const spellings: WordSpelling[] = [];
    for (const spelling of word) {
      let partial: Array<{ parts: string[]; lastCorrected: boolean }> = [{ parts: [], lastCorrected: false }];
      for (const part of spelling.parts) {
        const alternatives = alternativesOf(part);
        if (!alternatives) {
          partial = [];
          break;
        }
        partial = partial.flatMap((prefix) => alternatives.map((alternative) => ({ parts: [...prefix.parts, alternative.word], lastCorrected: alternative.corrected })));
      }
      for (const candidate of partial) spellings.push({ parts: candidate.parts, lastIsWhole: spelling.lastIsWhole || candidate.lastCorrected });
    }
    if (spellings.length === 0) return null;
    corrected.push(spellings.slice(0, MAX_SPELLINGS));
  }
  return corrected;
}
