import type { DocumentCheck } from "./types";

export interface AamvaNames {
  surname: string | null;
  givenNames: string | null;
  check: DocumentCheck;
  /** Set when the names were split by an assumption rather than by the standard's separators. */
  correction: string | null;
}

/**
 * Jurisdictions write "NONE" or "unavl" for absent names (AAMVA truncation rules). Fixed-width issuers pad
 * with spaces, and some keep the DAA comma on the split elements ("DCSTESTER," in Ontario), so separators and
 * padding at either end are not part of the name.
 */
function nameValue(value: string | undefined): string | null {
  const trimmed = value?.replace(/^[\s,$]+|[\s,$]+$/g, "");
  if (!trimmed || /^(NONE|UNAVL|UNAVAIL|UNKNOWN)$/i.test(trimmed)) return null;
  return trimmed.replace(/\s+/g, " ");
}

function joinNames(...values: (string | undefined)[]): string | null {
  const names = values.map(nameValue).filter((name): name is string => name !== null);
  return names.length > 0 ? names.join(" ") : null;
}

/** The words left when `phrase` is taken out of `words` as a whole run; "" when it is not there or nothing is left. */
function withoutWords(words: string[], phrase: string): string {
  const part = phrase.split(" ");
  for (let at = 0; at + part.length <= words.length; at++) {
    if (part.every((word, index) => words[at + index] === word)) return [...words.slice(0, at), ...words.slice(at + part.length)].join(" ");
  }
  return "";
}

/**
 * The holder's names by version: version 1 (2000) writes DAA "LAST,FIRST,MIDDLE,SUFFIX" or DAB/DAC/DAD;
 * versions 2 and 3 (2003, 2005) DCS family name and DCT given names ("FIRST,MIDDLE" or space-separated);
 * versions 4 to 10 DCS, DAC first and DAD middle names. Issuers mix these up, so the other versions'
 * elements are read when the version's own are absent.
 *
 * Some version 1 issuers (Pennsylvania) write DAA without commas in reading order, "JOHN P SMITH". Separate
 * name elements win when present; otherwise the last word is taken as the surname and the correction is
 * recorded. A wrong split can't produce a false match: the name matcher compares the whole name when the
 * directory splits it elsewhere ("MARY" + "VAN DYKE") and refuses extra names or initials in that comparison,
 * so a misplaced split at worst fails the match and goes to manual review. A single word can't be split, and
 * in later versions, where DAA is not a standard element, no word order is assumed.
 */
export function readAamvaNames(version: number, value: (id: string) => string | undefined): AamvaNames {
  const name = "AAMVA name elements";
  const surnameFromElements = nameValue(value("DCS")) ?? nameValue(value("DAB"));
  const split = joinNames(value("DAC"), value("DAD"));
  const dct = nameValue(value("DCT")?.replace(/,/g, " "));
  const givenFromElements = version >= 2 && version <= 3 ? (dct ?? split) : (split ?? dct);
  const sources = [
    surnameFromElements ? (nameValue(value("DCS")) ? "DCS" : "DAB") : null,
    givenFromElements ? (givenFromElements === dct ? "DCT" : value("DAD") && nameValue(value("DAD")) ? "DAC + DAD" : "DAC") : null,
  ];
  const fullName = value("DAA");
  if ((surnameFromElements && givenFromElements) || fullName === undefined) {
    return {
      surname: surnameFromElements,
      givenNames: givenFromElements,
      check: { name, passed: true, detail: `surname from ${sources[0] ?? "nothing"}, given names from ${sources[1] ?? "nothing"}` },
      correction: null,
    };
  }
  if (!/[,$]/.test(fullName)) {
    const words = nameValue(fullName)?.split(" ") ?? [];
    if (words.length < 2 || version > 1) {
      const why = version > 1 ? `DAA is not a version ${version} element, so its word order is not known` : "it is not two or more words";
      return {
        surname: surnameFromElements,
        givenNames: givenFromElements,
        check: { name, passed: false, detail: `DAA "${fullName.trim()}" has no commas and ${why}, so the surname can't be told from the given names` },
        correction: null,
      };
    }
    // The part a separate element already names is taken out of DAA wherever it stands; without one, the last word.
    const known = surnameFromElements ?? givenFromElements;
    const rest = known ? withoutWords(words, known) : words.slice(0, -1).join(" ");
    const last = words.at(-1) ?? "";
    const surname = surnameFromElements ?? (givenFromElements ? rest : last);
    const givenNames = givenFromElements ?? rest;
    if (!surname || !givenNames) {
      return {
        surname: surnameFromElements,
        givenNames: givenFromElements,
        check: { name, passed: false, detail: `DAA "${fullName.trim()}" has no commas and does not contain ${sources[0] ?? sources[1]} "${known}", so it can't be split` },
        correction: null,
      };
    }
    const assumed = surnameFromElements ? `given names "${givenNames}" (the rest after ${sources[0]})` : givenFromElements ? `surname "${surname}" (the rest after ${sources[1]})` : `surname "${surname}" (the last word) and given names "${givenNames}"`;
    return {
      surname,
      givenNames,
      check: {
        name,
        passed: true,
        detail: `surname from ${sources[0] ?? "DAA"}, given names from ${sources[1] ?? "DAA"}; DAA "${fullName.trim()}" has no commas, read in reading order (first ... last)`,
      },
      correction: `names: DAA "${fullName.trim()}" has no commas; read as ${assumed}`,
    };
  }
  // Version 1 DAA: family name, first name, middle name(s), suffix; "$" separates on some cards.
  const [last, first, middle] = fullName.split(/[,$]/).map((part) => part.trim());
  return {
    surname: surnameFromElements ?? nameValue(last),
    givenNames: givenFromElements ?? joinNames(first, middle),
    check: { name, passed: true, detail: `surname from ${sources[0] ?? "DAA"}, given names from ${sources[1] ?? "DAA"}` },
    correction: null,
  };
}
