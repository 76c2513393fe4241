import { SCORED_FIELDS, type ReadingScore, type ScoredField } from "../score-reading";

/** One table row: a set, a document class and a variant ("all" for the class's total). */
export interface TallyRow {
  set: string;
  documentClass: string;
  variant: string;
  scores: ReadingScore[];
  /** Milliseconds per read; empty for rows whose reads were not timed. */
  times: number[];
}

export type BenchTally = Map<string, TallyRow>;

function rowOf(tally: BenchTally, set: string, documentClass: string, variant: string): TallyRow {
  const key = `${set}\u0000${documentClass}\u0000${variant}`;
  let row = tally.get(key);
  if (!row) {
    row = { set, documentClass, variant, scores: [], times: [] };
    tally.set(key, row);
  }
  return row;
}

/** Adds one scored read to its variant's row and to its class's "all" row. */
export function recordRead(tally: BenchTally, at: { set: string; documentClass: string; variant: string }, score: ReadingScore, ms: number): void {
  for (const variant of [at.variant, "all"]) {
    const row = rowOf(tally, at.set, at.documentClass, variant);
    row.scores.push(score);
    row.times.push(ms);
  }
}

export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((100 * part) / whole).toFixed(0)}%`;
}

/** The figures of one row: forgeries count as correct when refused or flagged. */
export function summariseRow(row: TallyRow) {
  const readings = row.scores.filter((score) => score.expected === "reading");
  const refusals = row.scores.filter((score) => score.expected === "refusal");
  const correct = readings.filter((score) => score.outcome === "correct").length + refusals.filter((score) => score.outcome === "refused-correctly").length;
  const refused = readings.filter((score) => score.outcome === "refused").length + refusals.filter((score) => score.outcome === "refused-correctly").length;
  const wrongAccepted = readings.filter((score) => score.outcome === "wrong-accepted").length + refusals.filter((score) => score.outcome === "wrongly-accepted").length;
  const fieldCorrect = (field: ScoredField) => readings.filter((score) => score.fields[field] === "correct").length;
  return {
    n: row.scores.length,
    correct,
    refused,
    wrongAccepted,
    fields: Object.fromEntries(SCORED_FIELDS.map((field) => [field, percent(fieldCorrect(field), readings.length)])),
    readings: readings.length,
    percent: (part: number) => percent(part, row.scores.length),
  };
}

const HEADER = ["set", "class", "variant", "n", "correct", "refused", "wrong-acc", "number", "surname", "given", "birth", "expiry", "p50 ms", "p95 ms", "max ms"];

/** The accuracy table, rows in the order they were first recorded (each class's "all" row last). */
export function formatTally(tally: BenchTally): string {
  const groups = new Map<string, TallyRow[]>();
  for (const row of tally.values()) {
    const key = `${row.set}\u0000${row.documentClass}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const rows = [...groups.values()].flatMap((group) => [...group.filter((row) => row.variant !== "all"), ...group.filter((row) => row.variant === "all")]);
  const cells = rows.map((row) => {
    const summary = summariseRow(row);
    const time = (share: number) => (row.times.length === 0 ? "—" : percentile(row.times, share).toFixed(0));
    return [
      row.set,
      row.documentClass,
      row.variant,
      String(summary.n),
      summary.percent(summary.correct),
      summary.percent(summary.refused),
      String(summary.wrongAccepted),
      ...SCORED_FIELDS.map((field) => summary.fields[field] ?? "—"),
      time(0.5),
      time(0.95),
      time(1),
    ];
  });
  const widths = HEADER.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]?.length ?? 0)));
  const format = (row: string[]) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  return [format(HEADER), ...cells.map(format)].join("\n");
}
