import type { ClaimVerdict } from "./claim-types";
import { isBlank } from "./normalise-text";

/** MISSING_IN_DIRECTORY / MISSING_IN_EVIDENCE when a side is blank, null when both hold a value. */
export function missingVerdict(directory: string | null | undefined, evidence: string | null | undefined, label: string): ClaimVerdict | null {
  if (isBlank(directory)) return { outcome: "MISSING_IN_DIRECTORY", score: null, reason: `The directory has no ${label}` };
  if (isBlank(evidence)) return { outcome: "MISSING_IN_EVIDENCE", score: null, reason: `The evidence has no ${label}` };
  return null;
}

export function matchVerdict(reason: string, score = 1): ClaimVerdict {
  return { outcome: "MATCH", score, reason };
}

export function mismatchVerdict(reason: string, score = 0): ClaimVerdict {
  return { outcome: "MISMATCH", score, reason };
}

/** Joins notes into one sentence tail: "; unit 4 only in the directory". */
export function withNotes(reason: string, notes: readonly string[]): string {
  return notes.length === 0 ? reason : `${reason}; ${notes.join("; ")}`;
}

/** Two decimals, rounded down so a score just below a threshold never prints as the threshold itself. */
export function formatScore(score: number): string {
  return (Math.floor(score * 100) / 100).toFixed(2);
}
