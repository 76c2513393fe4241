import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { NameWord, WordSpelling } from "@/lib/directory/search/search-name-streams";

/** Typo tolerance starts at this many letters in a part: shorter ones are all "typos" of each other. */
const MIN_TYPO_PART = 3;
/** A part is tried as this many of the directory's words most like it (trigram similarity). */
const CORRECTIONS_PER_PART = 6;
/**
 * A word sharing a part's first two letters may correct it from this trigram similarity on, below pg_trgm's 0.3:
 * a swap of two letters in a short name ("gacria") shares only a few trigrams with the name meant ("garcia").
 */
const MIN_SIMILARITY = 0.2;
/** At most this many spellings of one query word (a word with two mistyped parts multiplies them). */
const MAX_SPELLINGS = 16;

const partsSchema = z.array(z.object({ part: z.string(), known: z.boolean(), similar: z.array(z.string()) }));

/**
 * The query's words with each mistyped part ("johnosn": no word of this directory starts with it) replaced by
 * the directory words most like it ("johnson", "johnston"), as whole words. When every part starts some word
 * and still nothing matched together, the longer parts get their look-alikes added instead. Null when a
 * mistyped part looks like nothing: no typo pass can find anyone.
 */
export async function correctTypoWords(connectionId: string, words: NameWord[]): Promise<NameWord[] | null> {
  const parts = [...new Set(words.flatMap((word) => word.flatMap((spelling) => spelling.parts)).filter((part) => part.length >= MIN_TYPO_PART))];
  if (parts.length === 0) return null;
  // Word ranges rather than LIKE: the pattern is not a constant, and '{' follows 'z' in the C collation. Look-alikes
  // are the words pg_trgm finds similar, and those starting like the part (the first letters are rarely mistyped).
  const rows = partsSchema.parse(await db().$queryRaw<unknown[]>`
    SELECT q.part,
      EXISTS (SELECT FROM "directory_search_vocabulary" v
        WHERE v."connectionId" = ${connectionId}::uuid AND v."word" >= q.part AND v."word" < q.part || '{') AS "known",
      ARRAY(SELECT c."word" FROM (
          SELECT v."word" FROM "directory_search_vocabulary" v WHERE v."connectionId" = ${connectionId}::uuid AND v."word" % q.part
          UNION
          SELECT v."word" FROM "directory_search_vocabulary" v
          WHERE v."connectionId" = ${connectionId}::uuid AND v."word" >= left(q.part, 2) AND v."word" < left(q.part, 2) || '{'
            AND similarity(v."word", q.part) >= ${MIN_SIMILARITY}::float8) c
        ORDER BY similarity(c."word", q.part) DESC, c."word" LIMIT ${CORRECTIONS_PER_PART}::int) AS "similar"
    FROM unnest(${parts}::text[]) AS q(part)`);
  const byPart = new Map(rows.map((row) => [row.part, row]));
  const anyUnknown = rows.some((row) => !row.known);
  const alternativesOf = (part: string): Array<{ word: string; corrected: boolean }> | null => {
    const row = byPart.get(part);
    if (!row) return [{ word: part, corrected: false }];
    const corrections = row.similar.filter((word) => word !== part).map((word) => ({ word, corrected: true }));
    if (!row.known) return corrections.length > 0 ? corrections : null;
    return anyUnknown || part.length <= MIN_TYPO_PART ? [{ word: part, corrected: false }] : [{ word: part, corrected: false }, ...corrections];
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
