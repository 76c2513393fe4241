import type { DocumentCheck } from "./types";

export interface AamvaNames {
  surname: string | null;
  givenNames: string | null;
  check: DocumentCheck;
}

/** Jurisdictions write "NONE" or "unavl" for absent names (AAMVA truncation rules). */
function nameValue(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed || /^(NONE|UNAVL|UNAVAIL|UNKNOWN)$/i.test(trimmed)) return null;
  return trimmed.replace(/\s+/g, " ");
}

function joinNames(...values: (string | undefined)[]): string | null {
  const names = values.map(nameValue).filter((name): name is string => name !== null);
  return names.length > 0 ? names.join(" ") : null;
}

/**
 * The holder's names by version: version 1 (2000) writes DAA "LAST,FIRST,MIDDLE,SUFFIX" or DAB/DAC/DAD;
 * versions 2 and 3 (2003, 2005) DCS family name and DCT given names ("FIRST,MIDDLE" or space-separated);
 * versions 4 to 10 DCS, DAC first and DAD middle names. Issuers mix these up, so the other versions'
 * elements are read when the version's own are absent. A DAA without commas (some version 1 cards write
 * "JOHN P SMITH") can't be split into surname and given names, so none is taken from it.
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
    return { surname: surnameFromElements, givenNames: givenFromElements, check: { name, passed: true, detail: `surname from ${sources[0] ?? "nothing"}, given names from ${sources[1] ?? "nothing"}` } };
  }
  if (!/[,$]/.test(fullName)) {
    return {
      surname: surnameFromElements,
      givenNames: givenFromElements,
      check: { name, passed: false, detail: `DAA "${fullName.trim()}" has no commas, so the surname can't be told from the given names` },
    };
  }
  // Version 1 DAA: family name, first name, middle name(s), suffix; "$" separates on some cards.
  const [last, first, middle] = fullName.split(/[,$]/).map((part) => part.trim());
  return {
    surname: surnameFromElements ?? nameValue(last),
    givenNames: givenFromElements ?? joinNames(first, middle),
    check: { name, passed: true, detail: `surname from ${sources[0] ?? "DAA"}, given names from ${sources[1] ?? "DAA"}` },
  };
}
