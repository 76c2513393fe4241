import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { SearchWord } from "@/lib/directory/search/build-search-terms";
import type { NameWord } from "@/lib/directory/search/search-name-streams";

/** A word of the word streams (directory_search_words): letters, and other scripts as folding spells them in hex. */
const NAME_WORD = /^(?:[a-z]|x[0-9a-f]{5})+$/;

const foldedSchema = z.array(z.object({ folded: z.string().nullable() }));

/**
 * directory_search_fold() of a text made of ASCII only, without asking PostgreSQL: unaccent and the hex spelling
 * touch nothing in ASCII, so what is left is lower-casing, dropping apostrophes and turning every run of anything
 * but a-z and 0-9 into one space (an integration test holds the two to the same results). Null for other text.
 */
export function foldAscii(text: string): string | null {
  if (!/^[\x01-\x7f]*$/.test(text)) return null;
  return text.toLowerCase().replaceAll("'", "").replace(/[^a-z0-9]+/g, " ").trim();
}

async function foldAll(texts: string[]): Promise<string[]> {
  const local = texts.map(foldAscii);
  if (local.every((folded) => folded !== null)) return local.map((folded) => folded ?? "");
  const rows = foldedSchema.parse(await db().$queryRaw<unknown[]>`
    SELECT directory_search_fold(t.text) AS "folded" FROM unnest(${texts}::text[]) WITH ORDINALITY AS t(text, position) ORDER BY t.position`);
  return texts.map((_, index) => rows[index]?.folded ?? "");
}

/**
 * The query's words folded by the rule the stored text was folded with, when every one is name-like (letters,
 * or another script in folding's hex spelling): such a query is answered from the word streams. Null otherwise
 * (an employee number, a numbered login, a word that folds to nothing): the trigram indexes answer those.
 */
export async function foldNameWords(query: string, words: SearchWord[]): Promise<{ foldedQuery: string; words: NameWord[] } | null> {
  const folded = await foldAll([query, ...words.flat()]);
  const partsOf = (index: number) => (folded[index] ?? "").split(" ").filter(Boolean);
  const foldedWords: NameWord[] = [];
  let position = 1;
  for (const word of words) {
    const spellings = word.map(() => partsOf(position++));
    if (spellings.some((parts) => parts.length === 0 || parts.some((part) => !NAME_WORD.test(part)))) return null;
    foldedWords.push(spellings.map((parts) => ({ parts, lastIsWhole: false })));
  }
  return { foldedQuery: partsOf(0).join(" "), words: foldedWords };
}
