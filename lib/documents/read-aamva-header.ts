/** One subfile designator of the header: type ("DL", "ID", "ZC", ...), declared offset and length. */
export interface AamvaDesignator {
  type: string;
  offset: number;
  length: number;
}

export interface AamvaHeader {
  /** "ANSI" (versions 1+) or "AAMVA" (pre-standard and some early version 1 cards). */
  fileType: "ANSI" | "AAMVA";
  iin: string;
  version: number;
  jurisdictionVersion: number | null;
  designators: AamvaDesignator[];
  /** Where the designators end in this text, i.e. where subfiles may start. */
  end: number;
  /**
   * Actual minus standard position of the designators: separators lost or doubled in transit move every
   * subfile by the same amount, so declared offsets are corrected by it.
   */
  shift: number;
  /** What was damaged and tolerated (empty for a header exactly as the standard writes it). */
  damage: string[];
}

// Compliance indicator "@", then LF RS CR, then the file type. Scanners in keyboard mode and copy-paste drop,
// double or substitute the three separators (CRLF, "@\n\n", "@\n\x1c\r", spaces), so up to six characters of
// anything are accepted between "@" and the file type; a leading symbology prefix or whitespace is skipped.
const HEADER = /^([\s\S]{0,4}?)@([\s\S]{0,6}?)(ANSI ?|AAMVA)(\d{6})(\d{2})/;
// Some keyboard-wedge scanners drop the "@" and the separators altogether.
const BARE_HEADER = /^(\s{0,4})(ANSI ?|AAMVA)((?:636|604)\d{3})(\d{2})/;
const DESIGNATOR = /^([A-Z]{2})(\d{4})(\d{4})/;
/** "@" LF RS CR: where the file type starts in a standard header. */
const STANDARD_FILE_TYPE_AT = 4;

const NAMES: Record<string, string> = { "\n": "LF", "\r": "CR", "\x1e": "RS", "\x1c": "FS", "\x1d": "GS", " ": "space" };

function describeSeparators(separators: string): string {
  if (separators === "") return "none";
  return [...separators].map((char) => NAMES[char] ?? `0x${char.charCodeAt(0).toString(16).padStart(2, "0")}`).join(" ");
}

function readDesignators(text: string, at: number): { entries: number; designators: AamvaDesignator[] } | null {
  const entries = /^\d{2}/.test(text.slice(at, at + 2)) ? Number(text.slice(at, at + 2)) : NaN;
  if (!(entries >= 1 && entries <= 20)) return null;
  const designators: AamvaDesignator[] = [];
  for (let index = 0; index < entries; index++) {
    const match = DESIGNATOR.exec(text.slice(at + 2 + index * 10, at + 12 + index * 10));
    if (!match) return null;
    designators.push({ type: match[1]!, offset: Number(match[2]), length: Number(match[3]) });
  }
  return { entries, designators };
}

/**
 * Reads the AAMVA file header tolerantly: the compliance indicator and separators may be damaged, the
 * version decides whether a jurisdiction version number precedes the number of entries (versions 2 and
 * later), and when the designators cannot be read at the expected place the other layout is tried.
 * Returns null when no file type, IIN and version can be found at the start of the text.
 */
export function readAamvaHeader(text: string): AamvaHeader | null {
  const withAt = HEADER.exec(text);
  const match = withAt ?? BARE_HEADER.exec(text);
  if (!match) return null;
  const [whole, prefix = "", ...rest] = match;
  const separators = withAt ? (rest[0] ?? "") : null;
  const [rawFileType = "", iin = "", rawVersion = ""] = withAt ? rest.slice(1) : rest;
  const damage: string[] = [];
  if (!withAt) damage.push('compliance indicator "@" and separators missing');
  else if (prefix.length > 0) damage.push(`${prefix.length} character(s) before "@" skipped`);
  if (separators !== null && separators !== "\n\x1e\r") damage.push(`separators after "@" are ${describeSeparators(separators ?? "")} instead of LF RS CR`);
  if (rawFileType === "ANSI") damage.push('file type "ANSI" without its space');

  const version = Number(rawVersion);
  const versionEnd = whole.length;
  // Version 0 and 1 headers go straight to the number of entries; 2 and later insert a jurisdiction version.
  const layouts = version >= 2 ? [2, 0] : [0, 2];
  for (const extra of layouts) {
    const read = readDesignators(text, versionEnd + extra);
    if (!read) continue;
    if (extra !== layouts[0]) damage.push(extra === 2 ? `version ${version} header carries a jurisdiction version number` : `version ${version} header has no jurisdiction version number`);
    const standardEnd = STANDARD_FILE_TYPE_AT + 5 + 8 + extra + 2 + read.entries * 10;
    const end = versionEnd + extra + 2 + read.entries * 10;
    return {
      fileType: rawFileType.startsWith("ANSI") ? "ANSI" : "AAMVA",
      iin,
      version,
      jurisdictionVersion: extra === 2 ? Number(text.slice(versionEnd, versionEnd + 2)) : null,
      designators: read.designators,
      end,
      shift: end - standardEnd,
      damage,
    };
  }
  damage.push("subfile designators unreadable");
  return {
    fileType: rawFileType.startsWith("ANSI") ? "ANSI" : "AAMVA",
    iin,
    version,
    jurisdictionVersion: null,
    designators: [],
    end: versionEnd,
    shift: 0,
    damage,
  };
}
