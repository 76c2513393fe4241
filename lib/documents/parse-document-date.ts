/** "YYYY-MM-DD" when year, month and day form a real calendar date, otherwise null. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The calendar day of `now` in UTC as "YYYY-MM-DD", so date-only values compare as strings. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
