import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import type { WordFrequencies } from "@/lib/directory/search/estimate-word-streams";

/**
 * One way a query word may appear in an employee's folded text: its folded parts ("Anna-Lena" → anna, lena),
 * each a whole word but the last, which is a prefix unless `lastIsWhole` (a typo's correction is a whole word).
 * Name-like words only (letters, other scripts in folding's hex spelling): anything else takes the trigram path.
 */
export type WordSpelling = { parts: string[]; lastIsWhole: boolean };
/** A query word: any of its spellings may match (as typed; ae/oe/ue as a/o/u; a typo's likely corrections). */
export type NameWord = WordSpelling[];

export type NameStreamSearch = {
  connectionId: string;
  words: NameWord[];
  limit: number;
  membership: "ACTIVE" | "INACTIVE" | "ALL";
  /** literal: 1 + 0.5 × the share of whole words; typo: 0.9 × word similarity to `foldedQuery`, below 1. */
  ranking: { kind: "literal" } | { kind: "typo"; foldedQuery: string };
  frequencies: WordFrequencies;
};

/** A typo pass reads this many passing rows of each stream (in name order), then ranks them by similarity. */
const TYPO_ROWS_PER_STREAM = 50;
/** A typo pass's hit is at least this like the query (word similarity of the whole query). */
const MIN_TYPO_SIMILARITY = 0.4;

function patternOf(spelling: WordSpelling, whole: boolean): string {
  // The stored text has a space at both ends, so '% word%' is "a word starting with word", anywhere.
  return `% ${spelling.parts.join(" ")}${whole || spelling.lastIsWhole ? " " : ""}%`;
}

/** The row's text has this query word (any spelling) at a word start, or as whole words. */
function hasWord(word: NameWord, whole: boolean): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(word.map((spelling) => Prisma.sql`w."words" LIKE ${patternOf(spelling, whole)}`), " OR ")})`;
}

/** Some spelling of the word is made of this directory's words only (one index probe per part). */
function canBeWhole(connectionId: string, word: NameWord): Prisma.Sql {
  const spellings = word.map((spelling) => {
    const parts = spelling.parts.map((part) => Prisma.sql`EXISTS (SELECT FROM "employee_search_word" x WHERE x."connectionId" = ${connectionId}::uuid AND x."word" = ${part})`);
    return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
  });
  return Prisma.sql`(${Prisma.join(spellings, " OR ")})`;
}

type Stream = { word: string; prefix: boolean; frequency: number };

/** The stream a spelling is cheapest to find through: its rarest part (a prefix for the last, unless whole). */
function streamOf(spelling: WordSpelling, frequencies: WordFrequencies): Stream {
  const streams = spelling.parts.map((part, index): Stream => {
    const prefix = index === spelling.parts.length - 1 && !spelling.lastIsWhole;
    return { word: part, prefix, frequency: prefix ? frequencies.prefixFrequencyOf(part) : frequencies.frequencyOf(part) };
  });
  return streams.reduce((best, stream) => (stream.frequency < best.frequency ? stream : best));
}

/** The streams walked: those of the query word naming the fewest rows (all its spellings: Müller finds Mueller). */
function driverStreams(words: NameWord[], frequencies: WordFrequencies): Stream[] {
  const perWord = words.map((word) => word.map((spelling) => streamOf(spelling, frequencies)));
  const cost = (streams: Stream[]) => streams.reduce((sum, stream) => sum + stream.frequency, 0);
  return perWord.reduce((best, streams) => (cost(streams) < cost(best) ? streams : best));
}

/**
 * The distinct words starting with `prefix`, found by skipping through the stream index (a recursive CTE: one
 * probe per distinct word, however many employees each has). Words are [a-z0-9] and '{' follows 'z' in "C".
 */
function prefixWords(name: string, connectionId: string, prefix: string): Prisma.Sql {
  const table = Prisma.raw(name);
  const next = (after: Prisma.Sql) => Prisma.sql`SELECT w."word" FROM "employee_search_word" w
    WHERE w."connectionId" = ${connectionId}::uuid AND ${after} AND w."word" < ${`${prefix}{`}
    ORDER BY w."word" LIMIT 1`;
  return Prisma.sql`${table}(word) AS (
      (${next(Prisma.sql`w."word" >= ${prefix}`)})
      UNION ALL
      SELECT (${next(Prisma.sql`w."word" > ${table}.word`)}) FROM ${table} WHERE ${table}.word IS NOT NULL)`;
}

/** `WITH RECURSIVE` entries for the prefix streams, and the `streams` CTE naming every word to walk. */
function streamsSql(connectionId: string, streams: Stream[]): Prisma.Sql {
  const prefixes = streams.filter((stream) => stream.prefix).map((stream, index) => ({ name: `prefix_${index}`, word: stream.word }));
  const sources = [
    ...prefixes.map((prefix) => Prisma.sql`SELECT word FROM ${Prisma.raw(prefix.name)}`),
    ...streams.filter((stream) => !stream.prefix).map((stream) => Prisma.sql`SELECT ${stream.word}::text AS word`),
  ];
  const recursive = prefixes.map((prefix) => Prisma.sql`${prefixWords(prefix.name, connectionId, prefix.word)},`);
  return Prisma.sql`${recursive.length > 0 ? Prisma.join(recursive, " ") : Prisma.empty}
    streams AS MATERIALIZED (SELECT DISTINCT word FROM (${Prisma.join(sources, " UNION ALL ")}) AS named WHERE word IS NOT NULL),`;
}

/** The first `limit` rows of one word's stream, in name order, that pass `filter`: a btree range, index only. */
function streamWalk(connectionId: string, scope: Prisma.Sql, filter: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT w."employeeId", w."lastName", w."firstName", w."words" FROM "employee_search_word" w
    WHERE w."connectionId" = ${connectionId}::uuid AND w."word" = s."word" ${scope} AND ${filter}
    ORDER BY w."lastName", w."firstName", w."employeeId" LIMIT ${limit}::int`;
}

function scoreOf(search: NameStreamSearch): Prisma.Sql {
  if (search.ranking.kind === "typo") return Prisma.sql`round((0.9 * word_similarity(${search.ranking.foldedQuery}, w."words"))::numeric, 4)::float8`;
  const whole = search.words.map((word) => Prisma.sql`(${hasWord(word, true)})::int`);
  return Prisma.sql`round((1 + 0.5 * (${Prisma.join(whole, " + ")})::float8 / ${search.words.length}::int)::numeric, 4)::float8`;
}

const HIT_COLUMNS = Prisma.sql`e."id"::text AS "id", e."login", e."firstName", e."lastName", e."email", e."mobilePhone",
  e."employeeNumber", e."membership"::text AS "membership", e."accountStatus"`;

/**
 * Name search over the word streams (see the directory_search_words migration). Candidates have every query
 * word at the start of one of their words. Each stream is a btree range already in name order, so the first
 * `limit` of a merge of streams are among the first `limit` passing rows of each: exact for one word (its whole-
 * word stream is one of them), and for several words exact at the top level (every word whole, a walk of its
 * own) and in name order below it. An exact login or e-mail ranks 3, as on the trigram path.
 */
export async function searchNameStreams(search: NameStreamSearch): Promise<unknown[]> {
  const { connectionId, words, limit, membership } = search;
  const scope = membership === "ALL" ? Prisma.empty : Prisma.sql`AND w."membership" = ${membership}::"EmployeeMembership"`;
  const allStart = Prisma.join(words.map((word) => hasWord(word, false)), " AND ");
  const allWhole = Prisma.join(words.map((word) => hasWord(word, true)), " AND ");
  // Walked only when it can add someone: every word can be whole (each is a word of this directory; otherwise it
  // finds no one, which means walking the whole stream), and the first walk found someone with a word not whole
  // (had it found only whole matches, this walk would find the same rows).
  const topLevelWalk = words.length > 1 && search.ranking.kind === "literal"
    ? Prisma.sql`UNION ALL SELECT h.* FROM streams s CROSS JOIN LATERAL (${streamWalk(connectionId, scope, allWhole, limit)}) h
        WHERE ${Prisma.join(words.map((word) => canBeWhole(connectionId, word)), " AND ")}
          AND EXISTS (SELECT FROM start_walk w WHERE NOT (${allWhole}))`
    : Prisma.empty;
  // The corrections narrow already; this only drops rows too unlike the query as a whole (pg_trgm's <% is 0.6).
  const typoFilter = search.ranking.kind === "typo"
    ? Prisma.sql`AND word_similarity(${search.ranking.foldedQuery}, w."words") >= ${MIN_TYPO_SIMILARITY}::float8`
    : Prisma.empty;
  // A typo pass ranks by similarity, not by name: it reads further into each stream for the most similar rows.
  const rowsPerStream = search.ranking.kind === "typo" ? Math.max(limit, TYPO_ROWS_PER_STREAM) : limit;
  const exactIdentifier = search.ranking.kind === "literal"
    ? Prisma.sql`CASE WHEN lower(e."login") = ${words.map((word) => word[0]?.parts.join(" ")).join(" ")} THEN 3 ELSE r."score" END`
    : Prisma.sql`r."score"`;
  return db().$queryRaw<unknown[]>`
    WITH RECURSIVE ${streamsSql(connectionId, driverStreams(words, search.frequencies))}
    start_walk AS MATERIALIZED (
      SELECT h.* FROM streams s CROSS JOIN LATERAL (${streamWalk(connectionId, scope, Prisma.sql`${allStart} ${typoFilter}`, rowsPerStream)}) h),
    walked AS (
      SELECT * FROM start_walk ${topLevelWalk}),
    ranked AS (
      SELECT * FROM (
        SELECT DISTINCT ON (w."employeeId") w."employeeId", w."lastName", w."firstName", ${scoreOf(search)} AS "score"
        FROM walked w ORDER BY w."employeeId") AS distinct_hits
      ORDER BY "score" DESC, "lastName", "firstName", "employeeId" LIMIT ${limit}::int)
    SELECT ${HIT_COLUMNS}, ${exactIdentifier} AS "score"
    FROM ranked r JOIN "employee" e ON e."id" = r."employeeId"
    ORDER BY "score" DESC, r."lastName", r."firstName", r."employeeId"`;
}
