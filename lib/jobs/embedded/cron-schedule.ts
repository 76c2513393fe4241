/**
 * Minimal 5-field cron (minute hour day-of-month month day-of-week, UTC) for the embedded runner's schedules:
 * `*`, `n`, `a-b`, `* /n` steps (written without the space) and comma lists. Enough for the schedules we declare;
 * anything else is refused at start-up rather than misread.
 */
type CronFields = [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(text: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`Unsupported cron field "${text}"`);
    const from = match[1] === "*" ? min : Number(match[2]);
    const to = match[1] === "*" ? max : match[3] !== undefined ? Number(match[3]) : match[4] !== undefined ? max : from;
    const every = match[4] !== undefined ? Number(match[4]) : 1;
    if (from < min || to > max || from > to || every < 1) throw new Error(`Cron field "${text}" is out of range`);
    for (let value = from; value <= to; value += every) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron "${expression}" must have 5 fields`);
  const fields = parts.map((part, index) => parseField(part, RANGES[index] ?? [0, 0]));
  return [fields[0] ?? new Set(), fields[1] ?? new Set(), fields[2] ?? new Set(), fields[3] ?? new Set(), fields[4] ?? new Set()];
}

/** The first minute strictly after `after` that the cron matches (UTC). */
export function nextCronTime(expression: string, after: Date): Date {
  const [minutes, hours, days, months, weekdays] = parseCron(expression);
  const candidate = new Date(after.getTime());
  candidate.setUTCSeconds(0, 0);
  for (let step = 0; step < 366 * 24 * 60; step += 1) {
    candidate.setUTCMinutes(candidate.getUTCMinutes() + 1);
    if (
      minutes.has(candidate.getUTCMinutes()) &&
      hours.has(candidate.getUTCHours()) &&
      days.has(candidate.getUTCDate()) &&
      months.has(candidate.getUTCMonth() + 1) &&
      weekdays.has(candidate.getUTCDay())
    ) {
      return candidate;
    }
  }
  throw new Error(`Cron "${expression}" never matches`);
}
