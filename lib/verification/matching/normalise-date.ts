const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * The date as "YYYY-MM-DD" when `value` is exactly that format and names a real calendar day
 * (no 1990-02-30, no month 13); null otherwise. Other formats are refused rather than guessed,
 * because 03/04/1990 means different days in different countries.
 */
export function normaliseDate(value: string | null | undefined): string | null {
  const match = ISO_DATE.exec((value ?? "").trim());
  if (!match) return null;
  const [, year, month, day] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1000 ? (value ?? "").trim() : null;
}
