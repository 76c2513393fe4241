/** A postal code split so that the country's matching rules can be applied. */
export interface PostalCode {
  country: "US" | "CA" | "GB" | null;
  /** The part that must be equal: ZIP5, the full Canadian/UK code, or all letters and digits elsewhere. */
  base: string;
  /** ZIP+4 extension when present and real (AAMVA pads an unknown one with 0000). */
  extension: string | null;
}

const CANADIAN = /^[A-Z]\d[A-Z]\d[A-Z]\d$/u;
const BRITISH = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/u;

function inferCountry(compact: string): PostalCode["country"] {
  if (/^\d{5}(\d{4})?$/u.test(compact)) return "US";
  if (CANADIAN.test(compact)) return "CA";
  return null;
}

/**
 * Parses a postal code under the rules of `country` (ISO alpha-2, usually the directory's). Without a
 * known country, 5 or 9 digits are read as a US ZIP and A1A1A1 as Canadian; anything else keeps its
 * letters and digits only. Returns null for blank values.
 */
export function parsePostalCode(value: string | null | undefined, country?: string | null): PostalCode | null {
  const compact = (value ?? "").toUpperCase().replace(/[^A-Z0-9]/gu, "");
  if (compact === "") return null;
  const rulesFor = country === "US" || country === "CA" || country === "GB" ? country : inferCountry(compact);
  if (rulesFor === "US") {
    const digits = compact.replace(/\D/gu, "");
    const extension = digits.length === 9 && digits.slice(5) !== "0000" ? digits.slice(5) : null;
    return { country: "US", base: digits.length >= 5 ? digits.slice(0, 5) : digits, extension };
  }
  if (rulesFor === "CA" && CANADIAN.test(compact)) return { country: "CA", base: `${compact.slice(0, 3)} ${compact.slice(3)}`, extension: null };
  if (rulesFor === "GB" && BRITISH.test(compact)) return { country: "GB", base: `${compact.slice(0, -3)} ${compact.slice(-3)}`, extension: null };
  return { country: null, base: compact, extension: null };
}

/** Canonical text of a postal code: "94103", "94103-1234", "K1A 0B1", "SW1A 1AA", "10115"; null when blank. */
export function normalisePostalCode(value: string | null | undefined, country?: string | null): string | null {
  const parsed = parsePostalCode(value, country);
  if (!parsed) return null;
  return parsed.extension ? `${parsed.base}-${parsed.extension}` : parsed.base;
}
