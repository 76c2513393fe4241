/** At most this many words of a query narrow the candidates (one trigram index condition each). */
export const MAX_SEARCH_WORDS = 6;
/** Fewer digits than this are not treated as a phone fragment ("12" would match half the directory). */
export const MIN_PHONE_DIGITS = 4;
/** National significant numbers are at most ~10 digits: comparing the last 10 lets "+1 (415) 555-0100" find "415-555-0100". */
export const PHONE_TAIL_DIGITS = 10;
/** Typo tolerance (trigram word similarity) starts at this many characters: shorter fragments are all "typos" of each other. */
export const MIN_FUZZY_LENGTH = 4;

/**
 * The spellings of one query word, any of which may match: as typed (PostgreSQL folds it with
 * directory_search_fold(), the rule the stored column uses), and with ae/oe/ue as a/o/u, the form names are also
 * stored in, so "mueller", "muller" and "müller" find Mueller, Muller and Müller alike.
 */
export type SearchWord = string[];

export type SearchTerms = {
  words: SearchWord[];
  /** The query's digits when it reads as a phone number fragment, else null. */
  phoneDigits: string | null;
  /** A single token with a digit or . @ _ (a login, e-mail or employee number): prefix matches on those rank high. */
  identifierLike: boolean;
  fuzzy: boolean;
};

/** Escapes LIKE's wildcards and its escape character, so the agent's `%`, `_` and `\` match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Splits a trimmed query into the parts the search SQL needs. Words without a letter or digit are dropped:
 * folding would leave them empty, and an empty LIKE fragment ('%%') would match every row.
 */
export function buildSearchTerms(query: string): SearchTerms {
  const words = query
    .split(/\s+/)
    // The stored text keeps logins and e-mails without their domain (see the migration): so must the query.
    .map((word) => (word.includes("@") ? (word.split("@")[0] ?? "") : word))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_SEARCH_WORDS)
    .map((word) => [...new Set([word, word.replace(/([aou])e/gi, "$1")])]);
  const digits = query.replace(/\D/g, "");
  const identifierLike = !/\s/.test(query) && /[\d.@_]/.test(query);
  const looksLikePhone = /^[\d\s+().\-/]+$/.test(query) && digits.length >= MIN_PHONE_DIGITS;
  return {
    words,
    phoneDigits: looksLikePhone ? digits : null,
    identifierLike,
    // Not for identifiers: their typos are rare, and a mistyped e-mail shares its domain's trigrams with every row.
    fuzzy: query.length >= MIN_FUZZY_LENGTH && /\p{L}/u.test(query) && !identifierLike,
  };
}
