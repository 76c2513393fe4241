import { findAamvaIssuer } from "./aamva-issuers";
import { chooseAamvaDateFormat, readAamvaDate } from "./read-aamva-date";
import { readAamvaHeader } from "./read-aamva-header";
import { readAamvaSubfile, type AamvaSubfile } from "./read-aamva-subfile";
import { readAamvaNames } from "./read-aamva-names";
import { removeStrayAamvaCharacters } from "./remove-stray-aamva-characters";
import { resolveAamvaCountry } from "./resolve-aamva-country";
import type { DocumentAddress, DocumentCheck } from "./types";

/** AAMVA DL/ID card design standard, the parts of it an identity check needs. */
export interface AamvaRecord {
  /** "DRIVER_LICENSE" (subfile DL) or "ID_CARD" (subfile ID). */
  documentType: "DRIVER_LICENSE" | "ID_CARD";
  issuerIdentificationNumber: string;
  version: number;
  country: "USA" | "CAN";
  jurisdiction: string | null;
  documentNumber: string | null;
  surname: string | null;
  givenNames: string | null;
  dateOfBirth: string | null;
  issueDate: string | null;
  expiryDate: string | null;
  sex: string | null;
  address: DocumentAddress;
  checks: DocumentCheck[];
  /** Values read other than the standard prescribes (a date in the other format, names split by word order). */
  corrections: string[];
}

/** The newest version this reader knows (AAMVA DL/ID Card Design Standard 2020). */
const NEWEST_VERSION = 10;

/**
 * Elements that say who the holder is or what the document is: a second copy of one of them is refused even
 * when both copies agree, because the copy a reader takes is arbitrary and a forger appends, never edits.
 */
const IDENTITY_ELEMENTS = new Set([
  "DAQ", "DAA", "DAB", "DAC", "DAD", "DCS", "DCT", "DBB", "DBA", "DBD", "DBC", "DAG", "DAH", "DAI", "DAJ", "DAK", "DCG", "DCF",
]);

/** Whether text looks like an AAMVA barcode at all (so other barcodes are "unsupported", not "forged"). */
export function looksLikeAamva(text: string): boolean {
  return readAamvaHeader(removeStrayAamvaCharacters(text).text) !== null;
}

/** US ZIP+4 is written as 9 digits (padded to 11 with zeros or spaces); "0000" means no +4. */
function normalisePostalCode(value: string | undefined, country: "USA" | "CAN"): string | null {
  if (!value) return null;
  const compact = value.replace(/[\s-]/g, "").toUpperCase();
  if (country === "CAN") return /^[A-Z]\d[A-Z]\d[A-Z]\d/.test(compact) ? `${compact.slice(0, 3)} ${compact.slice(3, 6)}` : compact || null;
  const digits = compact.replace(/\D/g, "").slice(0, 9);
  if (digits.length < 5) return null;
  const plusFour = digits.slice(5, 9);
  return plusFour.length === 4 && plusFour !== "0000" ? `${digits.slice(0, 5)}-${plusFour}` : digits.slice(0, 5);
}

/** AAMVA D20 sex codes: 1 male, 2 female, 9 not specified; version 1 cards often wrote M/F. */
function normaliseSex(value: string | undefined): string | null {
  const code = value?.trim().toUpperCase();
  if (code === "1" || code === "M") return "M";
  if (code === "2" || code === "F") return "F";
  if (code === "9" || code === "X") return "X";
  return null;
}

function present(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && !/^(NONE|UNAVL|UNAVAIL|UNKNOWN)$/i.test(trimmed) ? trimmed.replace(/\s+/g, " ") : null;
}

/** Refuses repeated elements and elements found after the subfile ended; returns the ids not to read. */
function checkRepeats(subfile: AamvaSubfile, checks: DocumentCheck[]): Set<string> {
  const refused = new Set<string>();
  const reasons: string[] = [];
  for (const [id, values] of subfile.elements) {
    const differ = new Set(values).size > 1;
    if (values.length > 1 && (differ || IDENTITY_ELEMENTS.has(id))) {
      refused.add(id);
      const where = subfile.outside.has(id) ? ", one after the subfile's end" : "";
      reasons.push(`${id} appears ${values.length} times (${differ ? "different values" : "same value"}${where})`);
    } else if (subfile.outside.has(id)) {
      refused.add(id);
      reasons.push(`${id} appears only after the subfile's end`);
    }
  }
  checks.push({
    name: "AAMVA duplicate elements",
    passed: reasons.length === 0,
    detail:
      reasons.length === 0
        ? "every element appears once"
        : `${reasons.join("; ")}: a genuine barcode carries each element once inside its subfile, so an appended value can't be told from the issued one`,
  });
  return refused;
}

/**
 * Parses the decoded text of an AAMVA PDF417 barcode (versions 0 to 10). Returns null when it is not an AAMVA
 * DL/ID barcode or no DL/ID subfile can be found; format problems are reported in `checks`, not thrown. A
 * field that can't be read unambiguously is null and a failed check says why. Stray control characters are
 * removed first (their own check says where they stood); values read against the standard's letter (a date in
 * the other format, names split by word order) are listed in `corrections`.
 */
export function parseAamva(raw: string): AamvaRecord | null {
  const cleaned = removeStrayAamvaCharacters(raw);
  const text = cleaned.text;
  const header = readAamvaHeader(text);
  if (!header) return null;
  const subfile = readAamvaSubfile(text, header);
  if (!subfile) return null;
  const checks: DocumentCheck[] = [];
  if (cleaned.check) checks.push(cleaned.check);
  const future = header.version > NEWEST_VERSION ? `; version ${header.version} is newer than ${NEWEST_VERSION}, read as ${NEWEST_VERSION}` : "";
  checks.push({
    name: "AAMVA header",
    passed: true,
    detail: `IIN ${header.iin}, version ${header.version}${header.damage.length > 0 ? `; tolerated: ${header.damage.join("; ")}` : "; compliance indicator, separators and file type present"}${future}`,
  });
  checks.push({ name: "AAMVA subfile offset", passed: true, detail: subfile.notes.join("; ") });
  const issuer = findAamvaIssuer(header.iin);
  checks.push({
    name: "AAMVA issuer identification number",
    passed: issuer !== null,
    detail: issuer ? `IIN ${header.iin} (${issuer.jurisdiction}, ${issuer.country})` : `IIN ${header.iin} is not on AAMVA's issuer list`,
  });

  const refused = checkRepeats(subfile, checks);
  const value = (id: string): string | undefined => (refused.has(id) ? undefined : subfile.elements.get(id)?.[0]);
  const has = (id: string) => subfile.elements.has(id);

  const jurisdiction = present(value("DAJ"))?.toUpperCase() ?? null;
  const resolved = resolveAamvaCountry(header.iin, value("DCG"), jurisdiction);
  checks.push(resolved.check);
  const country = resolved.country ?? "USA";
  const rule = chooseAamvaDateFormat(Math.min(header.version, NEWEST_VERSION), resolved.country, resolved.conflict);
  const dates = {
    dateOfBirth: readAamvaDate("DBB", "date of birth", value("DBB"), rule),
    expiryDate: readAamvaDate("DBA", "expiry date", value("DBA"), rule),
    issueDate: readAamvaDate("DBD", "issue date", value("DBD"), rule),
  };
  const corrections: string[] = [];
  for (const date of Object.values(dates)) {
    if (date.check) checks.push(date.check);
    if (date.correction) corrections.push(date.correction);
  }
  const names = readAamvaNames(header.version, value);
  checks.push(names.check);
  if (names.correction) corrections.push(names.correction);

  const record: AamvaRecord = {
    documentType: subfile.type === "DL" ? "DRIVER_LICENSE" : "ID_CARD",
    issuerIdentificationNumber: header.iin,
    version: header.version,
    country,
    jurisdiction,
    documentNumber: present(value("DAQ")),
    surname: names.surname,
    givenNames: names.givenNames,
    dateOfBirth: dates.dateOfBirth.value,
    issueDate: dates.issueDate.value,
    expiryDate: dates.expiryDate.value,
    sex: normaliseSex(value("DBC")),
    address: {
      street: [value("DAG"), value("DAH")].map(present).filter(Boolean).join(", ") || null,
      city: present(value("DAI")),
      state: jurisdiction,
      postalCode: normalisePostalCode(value("DAK"), country),
      country,
    },
    checks,
    corrections,
  };

  // Absent elements only: a refused duplicate or an unreadable value already has its own failed check.
  const older = header.version <= 1;
  const missing = [
    has("DAQ") ? null : "DAQ",
    has("DCS") || has("DAB") || has("DAA") ? null : older ? "DAA" : "DCS",
    has("DAC") || has("DCT") || has("DAA") ? null : older ? "DAA" : header.version <= 3 ? "DCT" : "DAC",
    has("DBB") ? null : "DBB",
    has("DBA") ? null : "DBA",
  ].filter((id): id is string => id !== null);
  checks.push({
    name: "AAMVA mandatory elements",
    passed: missing.length === 0,
    detail: missing.length === 0 ? "document number, names, date of birth and expiry present" : `missing ${missing.join(", ")}`,
  });
  return record;
}
