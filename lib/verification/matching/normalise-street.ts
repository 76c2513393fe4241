import { normaliseText, textTokens } from "./normalise-text";

/** A street line taken apart so each piece can be compared by its own rule. */
export interface StreetAddress {
  houseNumber: string | null;
  /** Street name words with abbreviations expanded consistently ("first" -> "1st", "hauptstrasse" -> "hauptstr"). */
  name: string;
  /** USPS suffix abbreviation ("st", "ave", ...) or null. */
  streetType: string | null;
  /** Pre- and post-directionals ("n", "sw"), sorted. */
  directions: string[];
  /** Apartment/suite/unit identifier, whatever the designator was (APT 4, #4, SUITE 4 all give "4"). */
  unit: string | null;
}

// USPS Publication 28 suffixes (the common ones) mapped to their standard abbreviation.
const STREET_TYPES: Readonly<Record<string, string>> = {
  street: "st", str: "st", st: "st", avenue: "ave", av: "ave", ave: "ave", road: "rd", rd: "rd",
  boulevard: "blvd", blvd: "blvd", drive: "dr", dr: "dr", lane: "ln", ln: "ln", court: "ct", ct: "ct",
  place: "pl", pl: "pl", parkway: "pkwy", pkwy: "pkwy", pky: "pkwy", highway: "hwy", hwy: "hwy",
  circle: "cir", cir: "cir", terrace: "ter", ter: "ter", way: "way", wy: "way", square: "sq", sq: "sq",
  trail: "trl", trl: "trl", expressway: "expy", expy: "expy", freeway: "fwy", fwy: "fwy", alley: "aly",
  aly: "aly", crescent: "cres", cres: "cres", plaza: "plz", plz: "plz", loop: "loop", pike: "pike",
};

const DIRECTIONS: Readonly<Record<string, string>> = {
  north: "n", n: "n", south: "s", s: "s", east: "e", e: "e", west: "w", w: "w",
  northeast: "ne", ne: "ne", northwest: "nw", nw: "nw", southeast: "se", se: "se", southwest: "sw", sw: "sw",
};

const UNIT_DESIGNATORS = new Set(["apt", "apartment", "unit", "suite", "ste", "room", "rm", "no", "number", "flat", "fl", "floor"]);

const ORDINALS: Readonly<Record<string, string>> = {
  first: "1st", second: "2nd", third: "3rd", fourth: "4th", fifth: "5th",
  sixth: "6th", seventh: "7th", eighth: "8th", ninth: "9th", tenth: "10th",
};

// German addresses abbreviate the compound suffix: Hauptstraße = Hauptstrasse = HAUPTSTR.
function canonicalWord(word: string): string {
  return ORDINALS[word] ?? word.replace(/strasse$/u, "str");
}

/** Takes a street line apart: "123 N Main Street Apt 4" -> 123 / main / st / [n] / 4. Null for blank values. */
export function parseStreet(value: string | null | undefined): StreetAddress | null {
  if (!value || value.trim() === "") return null;
  const tokens = textTokens(normaliseText(value.replaceAll("#", " unit ")));
  if (tokens.length === 0) return null;

  let unit: string | null = null;
  const designatorAt = tokens.findIndex((token, index) => UNIT_DESIGNATORS.has(token) && index > 0 && index < tokens.length - 1);
  if (designatorAt > 0) {
    unit = tokens.slice(designatorAt + 1).join("");
    tokens.splice(designatorAt);
  }

  let houseNumber: string | null = null;
  if (/\d/u.test(tokens[0] ?? "") && tokens.length > 1) houseNumber = tokens.shift() ?? null;
  else if (/^\d+[a-z]?$/u.test(tokens.at(-1) ?? "") && tokens.length > 1) houseNumber = tokens.pop() ?? null;

  const directions: string[] = [];
  const takeDirection = (token: string | undefined) => (token !== undefined && tokens.length > 1 ? DIRECTIONS[token] : undefined);
  const post = takeDirection(tokens.at(-1));
  if (post) {
    directions.push(post);
    tokens.pop();
  }
  let streetType: string | null = null;
  const lastType = tokens.length > 1 ? STREET_TYPES[tokens.at(-1) ?? ""] : undefined;
  if (lastType) {
    streetType = lastType;
    tokens.pop();
  }
  const pre = takeDirection(tokens[0]);
  if (pre) {
    directions.push(pre);
    tokens.shift();
  }

  return { houseNumber, name: tokens.map(canonicalWord).join(" "), streetType, directions: directions.sort(), unit };
}

/** Canonical one-line form of a street, e.g. "123 n main st unit 4"; null for blank values. */
export function normaliseStreet(value: string | null | undefined): string | null {
  const street = parseStreet(value);
  if (!street) return null;
  const parts = [street.houseNumber, ...street.directions, street.name, street.streetType, street.unit ? `unit ${street.unit}` : null];
  return parts.filter((part) => part !== null && part !== "").join(" ");
}
