import { hasControlCharacters } from "@/lib/validation/control-characters";

export type RawSearchParams = Record<string, string | string[] | undefined>;

export type PageSearchParams = {
  /** The first value of each parameter; values holding a control character are left out. */
  values: Record<string, string | undefined>;
  /** Names of the parameters left out for a control character (the page says so instead of searching with them). */
  refused: string[];
};

/**
 * A console page's query string, made safe before any schema or query sees it: a NUL reaching PostgreSQL in a
 * LIKE or equality is a 500, and control characters have no business in a filter. Pages cannot answer 400, so
 * they show CONTROL_CHARACTER_MESSAGE and leave the refused filter out.
 */
export function readSearchParams(raw: RawSearchParams): PageSearchParams {
  const values: Record<string, string | undefined> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (hasControlCharacters(key) || (first !== undefined && hasControlCharacters(first))) refused.push(hasControlCharacters(key) ? "form" : key);
    else values[key] = first;
  }
  return { values, refused };
}
