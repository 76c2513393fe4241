import { computeCheckDigit } from "../compute-check-digit";
import type { TestIdentity } from "./test-identities";

export type MrzFormat = "TD1" | "TD2" | "TD3";

export interface BuildMrzOptions {
  /** Overrides the identity's own forgedCheckDigit; null writes every check digit correctly. */
  corruptCheckDigit?: TestIdentity["forgedCheckDigit"] | null;
}

/** ICAO 9303 Part 3 §6: transliterate to A-Z, everything else becomes the filler. */
export function toMrzText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "<");
}

function pad(text: string, length: number): string {
  return text.slice(0, length).padEnd(length, "<");
}

function toYymmdd(isoDate: string): string {
  return isoDate.slice(2, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}

function checkDigitOf(field: string): string {
  return String(computeCheckDigit(field) ?? 0);
}

/** A check digit that is certainly wrong, for forged documents. */
function wrongDigit(digit: string): string {
  return String((Number(digit) + 5) % 10);
}

function nameField(person: TestIdentity, length: number): string {
  const given = person.givenNames.split(/\s+/).map(toMrzText).join("<");
  return pad(`${toMrzText(person.surname)}<<${given}`, length);
}

/**
 * The MRZ lines of a passport (TD3, 2×44), ID card (TD1, 3×30) or ID-2 card (TD2, 2×36) for a test identity,
 * with correct check digits unless a forgery is asked for.
 */
export function buildMrz(person: TestIdentity, format: MrzFormat, options: BuildMrzOptions = {}): string[] {
  const corrupt = options.corruptCheckDigit === undefined ? person.forgedCheckDigit : options.corruptCheckDigit;
  const withCheck = (field: string, name: NonNullable<TestIdentity["forgedCheckDigit"]>) => {
    const digit = checkDigitOf(field);
    return field + (corrupt === name ? wrongDigit(digit) : digit);
  };
  const birth = withCheck(toYymmdd(person.dateOfBirth), "dateOfBirth");
  const expiry = withCheck(toYymmdd(person.expiryDate), "expiryDate");
  const issuer = pad(person.issuingCountry, 3);
  const nationality = pad(person.nationality, 3);

  if (format === "TD3") {
    const number = withCheck(pad(person.documentNumber, 9), "documentNumber");
    const personal = pad("", 14);
    const personalWithCheck = personal + checkDigitOf(personal);
    const composite = checkDigitOf(number + birth + expiry + personalWithCheck);
    return [
      `P<${issuer}${nameField(person, 39)}`,
      `${number}${nationality}${birth}${person.sex}${expiry}${personalWithCheck}${composite}`,
    ];
  }

  if (format === "TD2") {
    // ICAO 9303 Part 6: like TD3 on 36 characters, the optional data (7) carrying a long number's overflow.
    const long = person.documentNumber.length > 9;
    const number = long ? `${person.documentNumber.slice(0, 9)}<` : withCheck(pad(person.documentNumber, 9), "documentNumber");
    const optional = pad(long ? person.documentNumber.slice(9) + withCheck(person.documentNumber, "documentNumber").slice(-1) : "", 7);
    const body = `${number}${nationality}${birth}${person.sex}${expiry}${optional}`;
    const composite = checkDigitOf(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35));
    return [`I<${issuer}${nameField(person, 31)}`, body + composite];
  }

  // TD1 document numbers longer than 9 characters continue in the optional data, "<" marking
  // the usual check digit position (ICAO 9303 Part 5 §4.2.4).
  const numberWithCheck =
    person.documentNumber.length > 9
      ? `${person.documentNumber.slice(0, 9)}<${person.documentNumber.slice(9)}${withCheck(person.documentNumber, "documentNumber").slice(-1)}`
      : withCheck(pad(person.documentNumber, 9), "documentNumber");
  const line1 = pad(`I<${issuer}${numberWithCheck}`, 30);
  const line2Body = pad(`${birth}${person.sex}${expiry}${nationality}`, 29);
  const composite = checkDigitOf(line1.slice(5, 30) + line2Body.slice(0, 7) + line2Body.slice(8, 15) + line2Body.slice(18, 29));
  return [line1, line2Body + composite, nameField(person, 30)];
}
