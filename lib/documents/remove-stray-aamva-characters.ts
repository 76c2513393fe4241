import type { DocumentCheck } from "./types";

/**
 * Characters no AAMVA barcode carries as data: C0 controls other than the separators (LF, CR and the information
 * separators FS, GS, RS that substitute for them in transit) and tab, DEL, the C1 range U+0080-U+009F (a scanner
 * or code page that maps undefined bytes there writes e.g. U+0090 around every separator), and zero-width
 * characters such as a byte-order mark. The separators themselves are never in this class.
 */
const STRAY = /[\x00-\x08\x0b\x0c\x0e-\x1b\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]+/g;
const SEPARATOR = /[\n\r\x1c\x1d\x1e]/;
/** Where the file type starts: anything before it is header damage the header reader already tolerates. */
const FILE_TYPE = /ANSI|AAMVA/;

export interface CleanedAamvaText {
  text: string;
  /** Null when nothing was removed; otherwise what was removed and whether an element boundary may be lost. */
  check: DocumentCheck | null;
}

function describe(codes: Set<string>): string {
  const listed = [...codes];
  return listed.slice(0, 4).join(", ") + (listed.length > 4 ? ", ..." : "");
}

/**
 * Removes stray control characters before the header and elements are read. A run that sits next to a separator,
 * at either end of the text or before the file type only pads the structure, so removing it loses nothing. A run
 * between two printable characters may stand where a separator or a character was, and removing it could join
 * two elements into one value, so the check fails and the barcode reads as inconsistent instead of trusted.
 */
export function removeStrayAamvaCharacters(text: string): CleanedAamvaText {
  const fileTypeAt = FILE_TYPE.exec(text)?.index ?? 0;
  let removed = 0;
  let inside = 0;
  const codes = new Set<string>();
  const cleaned = text.replace(STRAY, (run: string, at: number) => {
    removed += run.length;
    for (const char of run) codes.add(`U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
    const before = text.charAt(at - 1);
    const after = text.charAt(at + run.length);
    const harmless = at === 0 || at + run.length === text.length || at < fileTypeAt || SEPARATOR.test(before) || SEPARATOR.test(after);
    if (!harmless) inside += run.length;
    return "";
  });
  if (removed === 0) return { text, check: null };
  const what = `${removed} stray control character(s) removed (${describe(codes)})`;
  return {
    text: cleaned,
    check: {
      name: "AAMVA stray characters",
      passed: inside === 0,
      detail:
        inside === 0
          ? `${what}, all next to separators or before the header`
          : `${what}, ${inside} of them between printable characters: a separator or character may have stood there, so the elements around them are not trusted`,
    },
  };
}
