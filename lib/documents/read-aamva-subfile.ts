import type { AamvaHeader } from "./read-aamva-header";

export interface AamvaSubfile {
  type: "DL" | "ID";
  /** Every value each element id was given, in order; more than one value is a duplicate. */
  elements: Map<string, string[]>;
  /** Element ids that (also) appeared after the subfile had ended: appended data, never read as the value. */
  outside: Set<string>;
  /** How the subfile was found and which separator damage was tolerated, for the check detail. */
  notes: string[];
}

const SUBFILE_TYPES = new Set(["DL", "ID"]);
/** LF is the standard's element separator; CR, CRLF, RS and the other information separators replace it in transit. */
const SEPARATORS = /([\n\r\x1c\x1d\x1e]+)/;
const ELEMENT = /^([A-Z]{3})(.*)$/s;
/** A jurisdiction subfile starts with its type (Z + letter) followed by its first element (Z + two letters). */
const JURISDICTION_SUBFILE = /^Z[A-Z]Z[A-Z]{2}/;
const NEXT_SUBFILE = /^(DL|ID)(?=D[A-Z]{2})/;

/** Where a subfile's first element starts when the subfile is at `at`; some issuers omit the type prefix. */
function bodyAt(text: string, at: number, type: string, allowOmittedType: boolean): number | null {
  if (text.slice(at, at + 2) === type && /^[\n\r\x1e]*D[A-Z]{2}/.test(text.slice(at + 2, at + 8))) return at + 2;
  if (allowOmittedType && /^D[A-Z]{2}/.test(text.slice(at, at + 3))) return at;
  return null;
}

function locate(text: string, header: AamvaHeader): { type: "DL" | "ID"; start: number; note: string } | null {
  for (const allowOmittedType of [false, true]) {
    for (const designator of header.designators) {
      if (!SUBFILE_TYPES.has(designator.type)) continue;
      const type = designator.type as "DL" | "ID";
      // Issuers are known to be off by a byte or two, and lost separators move everything by header.shift.
      const bases = [...new Set([designator.offset + header.shift, designator.offset])];
      for (const delta of [0, 1, -1, 2, -2]) {
        for (const base of bases) {
          const at = base + delta;
          if (at < header.end) continue;
          const start = bodyAt(text, at, type, allowOmittedType);
          if (start === null) continue;
          const where = at === designator.offset ? `at declared offset ${designator.offset}` : `declared at ${designator.offset}, found at ${at}`;
          return { type, start, note: `${type} subfile ${where}${start === at ? " (without its type prefix)" : ""}` };
        }
      }
    }
  }
  // Without usable designators, the subfile is where its type is directly followed by an element ID.
  const search = /(DL|ID)(?=[\n\r\x1e]*D[A-Z]{2})/.exec(text.slice(header.end));
  if (search) {
    const at = header.end + search.index;
    return { type: search[1] as "DL" | "ID", start: at + 2, note: `${search[1]} subfile found at ${at} by its type (designators unusable)` };
  }
  return null;
}

function describeSeparator(run: string): string {
  return run === "\r\n" ? "CR LF" : run === "\n" ? "LF" : run === "\r" ? "CR" : run === "\x1e" ? "RS" : "other control characters";
}

/**
 * Finds the DL or ID subfile and reads its elements, keeping every value of an element that appears more than
 * once (a forger can append a second DAQ or DBB, and which one a reader takes is arbitrary). Elements after
 * the subfile has ended (after a jurisdiction subfile starts, or in a second DL/ID subfile) are recorded as
 * extra values of the same id so that they too count as duplicates. Returns null when no subfile is found.
 */
export function readAamvaSubfile(text: string, header: AamvaHeader): AamvaSubfile | null {
  const found = locate(text, header);
  if (!found) return null;
  const body = text.slice(found.start);
  const elements = new Map<string, string[]>();
  const outside = new Set<string>();
  const notes = [found.note];
  let ended = false;
  let fragments = 0;
  const separators = new Set<string>();
  const parts = body.split(SEPARATORS);
  for (let index = 0; index < parts.length; index += 2) {
    const line = (parts[index] ?? "").replace(/^ +/, "");
    if (line.trim() === "") continue;
    if (JURISDICTION_SUBFILE.test(line)) ended = true;
    if (NEXT_SUBFILE.test(line)) {
      ended = true;
      notes.push(`a second ${line.slice(0, 2)} subfile follows`);
    }
    const source = NEXT_SUBFILE.test(line) ? line.slice(2) : line;
    const match = ELEMENT.exec(source);
    if (!match) {
      fragments++;
      continue;
    }
    const [, id = "", value = ""] = match;
    // Jurisdiction-specific elements (Z..) are not read; after the end only standard elements matter.
    if (id.startsWith("Z") || (ended && !id.startsWith("D"))) continue;
    if (ended) outside.add(id);
    else if (index > 0) separators.add(describeSeparator(parts[index - 1] ?? ""));
    elements.set(id, [...(elements.get(id) ?? []), value.trim()]);
  }
  separators.delete("LF");
  if (separators.size > 0) notes.push(`elements separated by ${[...separators].join(", ")} instead of LF (tolerated)`);
  if (fragments > 0) notes.push(`${fragments} piece(s) without an element id ignored`);
  return { type: found.type, elements, outside, notes };
}
