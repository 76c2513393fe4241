import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { buildSearchTerms, escapeLike, PHONE_TAIL_DIGITS, type SearchTerms, type SearchWord } from "@/lib/directory/search/build-search-terms";
import { correctTypoWords } from "@/lib/directory/search/correct-typo-words";
import { readWordFrequencies } from "@/lib/directory/search/estimate-word-streams";
import { foldNameWords } from "@/lib/directory/search/fold-name-words";
import { type NameWord, searchNameStreams } from "@/lib/directory/search/search-name-streams";

export const searchEmployeesInputSchema = z.object({
  connectionId: z.uuid(),
  query: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(100).default(20),
  /** Both by default: the agent sees who left the group (an INACTIVE employee cannot be verified). */
  membership: z.enum(["ACTIVE", "INACTIVE", "ALL"]).default("ALL"),
});
export type SearchEmployeesInput = z.input<typeof searchEmployeesInputSchema>;

const employeeHitSchema = z.object({
  id: z.string(),
  login: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  mobilePhone: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  membership: z.enum(["ACTIVE", "INACTIVE"]),
  accountStatus: z.string(),
  /**
   * Higher is better. Literal matches: tier (3 exact login/e-mail/employee number/phone, 2 identifier prefix or
   * phone fragment, 1 every word starts a word, 0 substring) + 0.5 x the share of whole words. Typo matches
   * (only when there is no literal one): 0.9 x trigram word similarity, below 1.
   */
  score: z.number(),
});
export type EmployeeSearchHit = z.infer<typeof employeeHitSchema>;

/** Queries this short are refused quietly ([]): one Latin character matches a fair share of any directory. */
const MIN_QUERY_LENGTH = 2;
/** ...but one Han, kana or Hangul character can be a whole surname (王, 김). */
const WHOLE_WORD_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

type MatchKind = "anywhere" | "word_start" | "whole_word";

/** A word matches the folded search text in one of its spellings (see directory_search_like_pattern). */
function wordMatches(word: SearchWord, kind: MatchKind): Prisma.Sql {
  const likes = word.map((spelling) => Prisma.sql`e."searchText" LIKE directory_search_like_pattern(${spelling}, ${kind})`);
  return Prisma.sql`(${Prisma.join(likes, " OR ")})`;
}

/**
 * Which rows are candidates: every word at a word start ("wash" finds Washington, not Kwashie), or anywhere when
 * it has a digit (an employee number typed without its "E"), or the phone digits. Each branch is a trigram GIN
 * index condition, so PostgreSQL ORs bitmaps and never reads the whole table.
 */
function candidateCondition(terms: SearchTerms): Prisma.Sql {
  const branches: Prisma.Sql[] = [];
  if (terms.words.length > 0) {
    const words = terms.words.map((word) => wordMatches(word, word.some((spelling) => /\d/.test(spelling)) ? "anywhere" : "word_start"));
    branches.push(Prisma.sql`(${Prisma.join(words, " AND ")})`);
  }
  if (terms.phoneDigits) branches.push(Prisma.sql`e."phoneDigits" LIKE ${`%${escapeLike(phoneTail(terms.phoneDigits))}%`}`);
  return Prisma.join(branches, " OR ");
}

function phoneTail(digits: string): string {
  return digits.slice(-PHONE_TAIL_DIGITS);
}

/** 3 exact login/e-mail/employee number/phone, 2 identifier prefix or phone fragment, 1 every word starts a word, else 0. */
function tierExpression(query: string, terms: SearchTerms): Prisma.Sql {
  const phone = terms.phoneDigits;
  const phoneExact = phone
    ? Prisma.sql`OR e."phoneDigits" = ${phone} OR (${phone.length >= PHONE_TAIL_DIGITS} AND right(e."phoneDigits", ${PHONE_TAIL_DIGITS}::int) = ${phoneTail(phone)})`
    : Prisma.empty;
  const phonePartial = phone ? Prisma.sql`OR e."phoneDigits" LIKE ${`%${escapeLike(phoneTail(phone))}%`}` : Prisma.empty;
  const prefix = `${escapeLike(query)}%`;
  // Only for what looks like an identifier: otherwise "jose" would rank every jose.* login above Maria José.
  const identifierPrefix = terms.identifierLike
    ? Prisma.sql`lower(e."login") LIKE lower(${prefix}) OR lower(e."email") LIKE lower(${prefix}) OR lower(e."employeeNumber") LIKE lower(${prefix})`
    : Prisma.sql`false`;
  const wordStarts = terms.words.length > 0 ? Prisma.join(terms.words.map((word) => wordMatches(word, "word_start")), " AND ") : Prisma.sql`false`;
  return Prisma.sql`CASE
      WHEN lower(e."login") = lower(${query}) OR lower(e."email") = lower(${query}) OR lower(e."employeeNumber") = lower(${query}) ${phoneExact} THEN 3
      WHEN ${identifierPrefix} ${phonePartial} THEN 2
      WHEN ${wordStarts} THEN 1
      ELSE 0 END`;
}

/** Share of the query's words that are whole words of the text ("lee" ranks Lee above Leeds), 0..1. */
function wholeWordShare(terms: SearchTerms): Prisma.Sql {
  if (terms.words.length === 0) return Prisma.sql`0`;
  const counts = terms.words.map((word) => Prisma.sql`(${wordMatches(word, "whole_word")})::int`);
  return Prisma.sql`(${Prisma.join(counts, " + ")})::float8 / ${terms.words.length}::int`;
}

/** A name-like query: the word streams, then (nothing found) the same streams for the likely corrections. */
async function searchByName(input: { connectionId: string; limit: number; membership: "ACTIVE" | "INACTIVE" | "ALL"; fuzzy: boolean;
  foldedQuery: string; words: NameWord[] }): Promise<EmployeeSearchHit[]> {
  const frequencies = await readWordFrequencies();
  const search = { connectionId: input.connectionId, limit: input.limit, membership: input.membership, frequencies };
  const literal = z.array(employeeHitSchema).parse(await searchNameStreams({ ...search, words: input.words, ranking: { kind: "literal" } }));
  if (literal.length > 0 || !input.fuzzy) return literal;
  const corrected = await correctTypoWords(input.connectionId, input.words);
  if (!corrected) return [];
  return z.array(employeeHitSchema).parse(await searchNameStreams({ ...search, words: corrected, ranking: { kind: "typo", foldedQuery: input.foldedQuery } }));
}

const HIT_COLUMNS = Prisma.sql`e."id"::text AS "id", e."login", e."firstName", e."lastName", e."email", e."mobilePhone",
  e."employeeNumber", e."membership"::text AS "membership", e."accountStatus"`;

/**
 * Directory search for helpdesk agents, as they type: names in any order, partly typed, without accents or with
 * typos; e-mail, login/UPN, employee number; phone numbers in any formatting (matched on digits). One SQL
 * statement answered from the trigram GIN indexes on the GENERATED columns "searchText" and "phoneDigits" (see
 * the directory_search migration). Ranked by tier (exact identifier > identifier prefix or phone fragment >
 * every word starts a word > substring), then by the share of whole words, then last name, first name, id.
 * Only when nothing matches that way does a typo-tolerant pass (trigram word similarity) run. Only the given
 * connection's employees; both memberships unless asked otherwise.
 */
export async function searchEmployees(input: SearchEmployeesInput): Promise<EmployeeSearchHit[]> {
  const { connectionId, query, limit, membership } = searchEmployeesInputSchema.parse(input);
  const terms = buildSearchTerms(query);
  if ((query.length < MIN_QUERY_LENGTH && !WHOLE_WORD_CHARACTER.test(query)) || (terms.words.length === 0 && !terms.phoneDigits)) return [];
  if (!terms.phoneDigits && !terms.identifierLike) {
    const folded = await foldNameWords(query, terms.words);
    if (folded) return searchByName({ connectionId, limit, membership, fuzzy: terms.fuzzy, ...folded });
  }
  return searchByTrigrams({ connectionId, query, limit, membership }, terms);
}

/**
 * The trigram path: identifiers, phone numbers, employee numbers and anything else that is not a name-like query.
 * It answers name queries the same way (only slower at scale): the word streams are tested against it.
 */
export async function searchByTrigrams(input: z.output<typeof searchEmployeesInputSchema>, terms: SearchTerms = buildSearchTerms(input.query)): Promise<EmployeeSearchHit[]> {
  const { connectionId, query, limit, membership } = input;
  const scope = Prisma.sql`e."connectionId" = ${connectionId}::uuid
    ${membership === "ALL" ? Prisma.empty : Prisma.sql`AND e."membership" = ${membership}::"EmployeeMembership"`}`;
  // The fallback scores below every literal match and only runs (a one-time filter on the uncorrelated NOT EXISTS)
  // when the literal pass found nobody: word similarity is computed per candidate row, too dear for thousands.
  const fuzzy = terms.fuzzy
    ? Prisma.sql`UNION ALL
      SELECT * FROM (
        SELECT ${HIT_COLUMNS}, round((0.9 * word_similarity(directory_search_fold(${query}), e."searchText"))::numeric, 4)::float8 AS "score"
        FROM "employee" e
        WHERE ${scope} AND directory_search_fold(${query}) <% e."searchText" AND NOT EXISTS (SELECT FROM literal)
        ORDER BY "score" DESC, e."lastName", e."firstName", e."id" LIMIT ${limit}::int) AS typo_tolerant`
    : Prisma.empty;
  const rows = await db().$queryRaw<unknown[]>`
    WITH literal AS MATERIALIZED (
      SELECT ${HIT_COLUMNS}, round((${tierExpression(query, terms)} + 0.5 * ${wholeWordShare(terms)})::numeric, 4)::float8 AS "score"
      FROM "employee" e
      WHERE ${scope} AND (${candidateCondition(terms)})
      ORDER BY "score" DESC, e."lastName", e."firstName", e."id" LIMIT ${limit}::int)
    SELECT * FROM (SELECT * FROM literal ${fuzzy}) AS hits
    ORDER BY "score" DESC, "lastName", "firstName", "id"`;
  return z.array(employeeHitSchema).parse(rows);
}
