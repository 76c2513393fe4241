import type { MrzFormat } from "./parse-mrz";

export type MrzLinesFound =
  | {
      found: "complete";
      format: MrzFormat;
      lines: string[];
      /** Edits to the name line beyond the count of trailing fillers: guesses parseMrz must treat as doubts about the name. */
      nameLineRepairs: string[];
    }
  /** A machine-readable visa (ICAO 9303 Part 7), known by its document code "V": not an identity document. */
  | { found: "visa"; format: "MRV-A" | "MRV-B" }
  /** MRZ-looking lines, but not a full set: the zone is probably cut off or partly hidden. */
  | { found: "partial"; lineCount: number }
  | { found: "none" };

const LINE_LENGTH: Record<MrzFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };
const LINE_COUNT: Record<MrzFormat, number> = { TD1: 3, TD2: 2, TD3: 2 };
/**
 * Line lengths taken as each format: OCR adds or drops a few fillers. The ranges split the gaps between
 * 30, 36 and 44 so that no length belongs to two formats.
 */
const LENGTH_RANGE: Record<MrzFormat, [number, number]> = { TD1: [26, 33], TD2: [34, 39], TD3: [40, 50] };
const LOOKALIKE_LETTER: Record<string, string> = { "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G" };

function cleanOcrLine(line: string): string {
  return line.toUpperCase().replace(/[^A-Z0-9<]/g, "");
}

/**
 * MRZ lines hold fillers ("<<", or their misreads as runs of K/L/C) or, on a data line whose optional
 * field is full, many digits. Anything of MRZ length qualifies: the format check below decides.
 */
function looksLikeMrzLine(line: string): boolean {
  if (line.length < 20) return false;
  return /<</.test(line) || /[KLC<]{4,}/.test(line) || (line.match(/\d/g)?.length ?? 0) >= 8;
}

function longestRun(line: string, pattern: RegExp): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  for (const match of line.matchAll(pattern)) {
    if (match[0].length > best.length) best = { start: match.index, length: match[0].length };
  }
  return best;
}

/**
 * Data lines: OCR mostly miscounts long runs of "<", so length errors are repaired inside the longest
 * run of fillers (or of filler look-alikes when none was read as "<"). Check digits then verify.
 */
function fixDataLineLength(line: string, expected: number): string {
  let fixed = line;
  while (fixed.length !== expected) {
    const fillers = longestRun(fixed, /<+/g);
    const run = fillers.length > 1 ? fillers : longestRun(fixed, /[KLC<]{2,}/g);
    if (fixed.length > expected) {
      fixed = run.length > 1 ? fixed.slice(0, run.start) + fixed.slice(run.start + 1) : fixed.slice(0, expected);
    } else {
      fixed = run.start >= 0 ? fixed.slice(0, run.start) + "<" + fixed.slice(run.start) : fixed.padEnd(expected, "<");
    }
  }
  return fixed;
}

/**
 * The name line is padded at its end, so its length is repaired there: fillers (or look-alikes) are
 * dropped from the end, missing ones appended. A digit beside its look-alike letter ("JO0SE") is a
 * doubled glyph, dropped only when the line is too long anyway, and reported: it changes the name.
 */
function fixNameLineLength(line: string, expected: number, nameStart: number, repairs: string[]): string {
  let fixed = line;
  if (fixed.length > expected) {
    const name = fixed.slice(nameStart);
    const undoubled = name.replace(/[0-9]/g, (digit, index: number) => {
      const letter = LOOKALIKE_LETTER[digit];
      return letter && (name.charAt(index - 1) === letter || name.charAt(index + 1) === letter) ? "" : digit;
    });
    if (undoubled !== name) repairs.push(`doubled glyph dropped from an over-long name line ("${name.replace(/<+$/, "")}")`);
    fixed = fixed.slice(0, nameStart) + undoubled;
  }
  while (fixed.length > expected && /[KLC<]$/.test(fixed)) fixed = fixed.slice(0, -1);
  if (fixed.length > expected) {
    repairs.push(`over-long name line cut at ${expected} characters ("${fixed.slice(expected)}" dropped)`);
    fixed = fixed.slice(0, expected);
  }
  return fixed.padEnd(expected, "<");
}

function repairLines(format: MrzFormat, lines: string[]): { lines: string[]; nameLineRepairs: string[] } {
  const length = LINE_LENGTH[format];
  const nameLine = format === "TD1" ? 2 : 0;
  const nameStart = format === "TD1" ? 0 : 5;
  const nameLineRepairs: string[] = [];
  const repaired = lines.map((line, index) => {
    if (index === nameLine) return fixNameLineLength(line, length, nameStart, nameLineRepairs);
    // Data lines end in a check digit; a letter after it on an over-long line is a speck read as text.
    const trimmed = line.length > length && /\d[A-Z]$/.test(line) ? line.slice(0, -1) : line;
    return fixDataLineLength(trimmed, length);
  });
  return { lines: repaired, nameLineRepairs };
}

/** The format every line of the group has the length of, if the group has that format's line count. */
function formatOf(lines: string[]): MrzFormat | null {
  for (const format of ["TD1", "TD2", "TD3"] as const) {
    const [shortest, longest] = LENGTH_RANGE[format];
    if (lines.length === LINE_COUNT[format] && lines.every((line) => line.length >= shortest && line.length <= longest)) return format;
  }
  return null;
}

/**
 * Picks the MRZ out of OCR output (which also holds the document's other text), refuses visas by
 * their document code, and repairs line lengths.
 */
export function findMrzLines(ocrText: string): MrzLinesFound {
  const candidates = ocrText.split(/\r?\n/).map(cleanOcrLine).filter(looksLikeMrzLine);
  // The MRZ is the last block on the page; try the lowest consecutive lines first, three-line TD1 before
  // its last two lines could be taken for anything else.
  for (const count of [3, 2]) {
    for (let start = candidates.length - count; start >= 0; start--) {
      const group = candidates.slice(start, start + count);
      const format = formatOf(group);
      if (!format) continue;
      // ICAO 9303 Part 7: the document code of a machine-readable visa starts with "V" (MRV-A 2x44, MRV-B 2x36).
      if (format !== "TD1" && group[0]!.startsWith("V")) return { found: "visa", format: format === "TD3" ? "MRV-A" : "MRV-B" };
      return { found: "complete", format, ...repairLines(format, group) };
    }
  }
  return candidates.length > 0 ? { found: "partial", lineCount: candidates.length } : { found: "none" };
}
