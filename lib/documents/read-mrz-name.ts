import { toLettersWherePossible } from "./correct-mrz-field";

export interface MrzNameReading {
  surname: string;
  givenNames: string;
  /**
   * Why the name is not certain: each entry is a guess the layout alone did not force. No check digit
   * covers names, so any entry here means the read must not count as fully consistent.
   */
  doubts: string[];
  /** Substitutions the ICAO layout forces (fillers inside the padding read as K, L or C). */
  repairs: string[];
}

/** OCR-B's filler "<" is read by Tesseract as one of these letters. */
const FILLER_LOOKALIKES = /[KLC]/;
const FILLER_LIKE = /[KLC<]/;

/**
 * Where the padding must have begun, from the fillers that were read as "<": a name holds no "<<<"
 * and only one "<<" (between surname and given names), so padding starts at the first "<<<", or at a
 * second "<<". Everything from there to the end of the field is filler, whatever OCR made of it.
 */
function forcedPaddingStart(field: string): number {
  let doubles = 0;
  for (const match of field.matchAll(/<{2,}/g)) {
    if (match[0].length >= 3 || doubles === 1) return match.index;
    doubles++;
  }
  return field.length;
}

/** Start of the run of filler-like characters that reaches the end of the field. */
function trailingRunStart(field: string, end: number): number {
  let start = end;
  while (start > 0 && FILLER_LIKE.test(field.charAt(start - 1))) start--;
  return start;
}

/**
 * Without a "<<" the surname/given-name split is lost; the likeliest cause is one filler of it read as
 * K, L or C next to the other ("ERIKSSON<KANNA"). Only a single such place is taken, and as a guess.
 */
function restoreSeparator(name: string, doubts: string[]): string {
  if (name.includes("<<")) return name;
  const candidates = [...name.matchAll(/(?<![KLC<])(<[KLC]|[KLC]<)(?![KLC<])/g)];
  if (candidates.length !== 1) return name;
  const at = candidates[0]!.index;
  doubts.push(`"${name.slice(at, at + 2)}" taken as the "<<" between surname and given names`);
  return name.slice(0, at) + "<<" + name.slice(at + 2);
}

/**
 * Reads the ICAO 9303 name field SURNAME<<GIVEN<NAMES<<<… (TD1 line 3, TD2 line 1 from 6, TD3 line 1
 * from 6). Fillers read as K/L/C are recovered only where the layout requires it: inside the padding
 * the "<" read forces (certain, a repair), and, when no padding was read as "<" at all, the run of
 * filler-like characters reaching the end of the field (a doubt: "FRANKKKK" may be FRANK or FRAN). Real names hold K, L and C ("KLECK"), so letters
 * inside the name are never changed on their own; but once this photo's fillers are known to read as
 * K/L/C, every K/L/C left in the name is doubtful too.
 */
export function readMrzName(raw: string, lineRepairs: string[] = [], fillersMisreadElsewhere = false): MrzNameReading {
  const doubts = [...lineRepairs];
  const repairs: string[] = [];
  let field = toLettersWherePossible(raw);
  // A name field holds letters and fillers only (ICAO 9303-3), so a digit there is a misread letter: a
  // repair the character class forces. A wrong pick can only make the name match the directory less.
  if (field !== raw) repairs.push(`digits in the name read as letters ("${raw.replace(/<+$/, "")}")`);

  const padding = forcedPaddingStart(field);
  const paddingForced = padding < field.length;
  const forcedTail = field.slice(padding);
  let paddingMisread = false;
  if (/[^<]/.test(forcedTail)) {
    if (/[^KLC<]/.test(forcedTail)) doubts.push(`characters after the name's padding ignored ("${forcedTail}")`);
    else {
      repairs.push(`fillers read as K/L/C in the padding ("${forcedTail}")`);
      paddingMisread = true;
    }
  }
  field = field.slice(0, padding);

  // Padding the "<" read forces ends the name there ("KARL<<<<": the L is a letter). Only a field whose
  // padding was read entirely as look-alikes ("MARIAKKKKKK") loses its trailing run, as a guess.
  const runStart = paddingForced ? padding : trailingRunStart(field, padding);
  const run = field.slice(runStart);
  if (FILLER_LOOKALIKES.test(run)) doubts.push(`"${run}" at the end of the name taken as fillers`);
  let name = field.slice(0, runStart);

  name = restoreSeparator(name, doubts);
  const fillersMisread = fillersMisreadElsewhere || paddingMisread || FILLER_LOOKALIKES.test(run);
  if (fillersMisread && FILLER_LOOKALIKES.test(name)) {
    doubts.push(`this photo's fillers read as K/L/C, so the K/L/C in "${name}" are unconfirmed`);
  }

  const [surname = "", ...rest] = name.split("<<");
  const words = (part: string) => part.split("<").filter(Boolean).join(" ");
  return { surname: words(surname), givenNames: words(rest.join("<")), doubts, repairs };
}
