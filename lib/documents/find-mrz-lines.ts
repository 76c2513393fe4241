import type { MrzFormat } from "./parse-mrz";

export type MrzLinesFound =
  | { found: "complete"; format: MrzFormat; lines: string[] }
  /** MRZ-looking lines, but not a full set: the zone is probably cut off or partly hidden. */
  | { found: "partial"; lineCount: number }
  | { found: "none" };

const LINE_LENGTH: Record<MrzFormat, number> = { TD1: 30, TD3: 44 };
const LINE_COUNT: Record<MrzFormat, number> = { TD1: 3, TD3: 2 };
const LOOKALIKE_LETTER: Record<string, string> = { "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G" };

function cleanOcrLine(line: string): string {
  return line.toUpperCase().replace(/[^A-Z0-9<]/g, "");
}

function looksLikeMrzLine(line: string): boolean {
  return line.length >= 20 && /<</.test(line);
}

function longestFillerRun(line: string): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  for (const match of line.matchAll(/<+/g)) {
    if (match[0].length > best.length) best = { start: match.index, length: match[0].length };
  }
  return best;
}

/** OCR mostly miscounts long runs of "<", so length errors are repaired inside the longest run. */
function fixLength(line: string, expected: number): string {
  let fixed = line;
  while (fixed.length !== expected) {
    const run = longestFillerRun(fixed);
    if (fixed.length > expected) {
      fixed = run.length > 1 ? fixed.slice(0, run.start) + fixed.slice(run.start + 1) : fixed.slice(0, expected);
    } else {
      fixed = run.start >= 0 ? fixed.slice(0, run.start) + "<" + fixed.slice(run.start) : fixed.padEnd(expected, "<");
    }
  }
  return fixed;
}

/**
 * The name field ends at the first run of three or more fillers; isolated characters after it
 * are filler misread as K or L. A digit beside its look-alike letter ("JO0SE") is a doubled
 * glyph, dropped only when the line is too long anyway.
 */
function cleanNameField(field: string, tooLong: boolean): string {
  let cleaned = field;
  if (tooLong) {
    cleaned = cleaned.replace(/[0-9]/g, (digit, index: number) => {
      const letter = LOOKALIKE_LETTER[digit];
      return letter && (cleaned.charAt(index - 1) === letter || cleaned.charAt(index + 1) === letter) ? "" : digit;
    });
  }
  const end = /[A-Z0-9]<{3,}/.exec(cleaned);
  if (!end) return cleaned;
  const tailStart = end.index + 1;
  const tail = cleaned.slice(tailStart);
  return /[A-Z0-9]{2}/.test(tail) ? cleaned : cleaned.slice(0, tailStart) + "<".repeat(tail.length);
}

function repairLines(format: MrzFormat, lines: string[]): string[] {
  const length = LINE_LENGTH[format];
  const nameLine = format === "TD3" ? 0 : 2;
  const nameStart = format === "TD3" ? 5 : 0;
  return lines.map((line, index) => {
    if (index !== nameLine) {
      // Data lines end in a check digit; a letter after it on an over-long line is a speck read as text.
      const trimmed = line.length > length && /\d[A-Z]$/.test(line) ? line.slice(0, -1) : line;
      return fixLength(trimmed, length);
    }
    const named = line.slice(0, nameStart) + cleanNameField(line.slice(nameStart), line.length > length);
    return fixLength(named, length);
  });
}

function formatOf(lines: string[]): MrzFormat | null {
  for (const format of ["TD3", "TD1"] as const) {
    const length = LINE_LENGTH[format];
    // OCR adds or drops a few fillers; anything within ±5 is repairable, beyond that it is a different layout.
    if (lines.length === LINE_COUNT[format] && lines.every((line) => Math.abs(line.length - length) <= 5)) return format;
  }
  return null;
}

/** Picks the MRZ out of OCR output (which also holds the card's other text) and repairs its length. */
export function findMrzLines(ocrText: string): MrzLinesFound {
  const candidates = ocrText.split(/\r?\n/).map(cleanOcrLine).filter(looksLikeMrzLine);
  // The MRZ is the last block on the page; try the lowest consecutive lines first.
  for (const count of [2, 3]) {
    for (let start = candidates.length - count; start >= 0; start--) {
      const group = candidates.slice(start, start + count);
      const format = formatOf(group);
      if (format && LINE_COUNT[format] === count) return { found: "complete", format, lines: repairLines(format, group) };
    }
  }
  return candidates.length > 0 ? { found: "partial", lineCount: candidates.length } : { found: "none" };
}
