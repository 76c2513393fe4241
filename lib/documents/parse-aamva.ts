import { toIsoDate } from "./parse-document-date";
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
}

// "@" LF RS CR, then "ANSI " (versions 1+; some early cards wrote "AAMVA") and the 6-digit IIN.
const HEADER = /^@\n\x1e\r(ANSI |AAMVA)(\d{6})(\d{2})/;
const CANADIAN_PROVINCES = new Set(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]);
const SUBFILE_TYPES = ["DL", "ID"] as const;

/** Whether text looks like an AAMVA barcode at all (so other barcodes are "unsupported", not "forged"). */
export function looksLikeAamva(text: string): boolean {
  return /^@\s*\n?\x1e?\r?\s*(ANSI|AAMVA)/.test(text);
}

function readElements(text: string, checks: DocumentCheck[]): { subfile: "DL" | "ID"; elements: Map<string, string> } | null {
  const header = HEADER.exec(text);
  const version = header ? Number(header[3]) : 0;
  // Version 1 has no jurisdiction version field before the number of entries.
  const entriesAt = header ? header[0].length + (version >= 2 ? 2 : 0) : 0;
  const entries = header ? Number(text.slice(entriesAt, entriesAt + 2)) || 0 : 0;
  const designatorStart = entriesAt + 2;
  for (const type of SUBFILE_TYPES) {
    let start = -1;
    for (let index = 0; header && index < entries; index++) {
      const designator = text.slice(designatorStart + index * 10, designatorStart + index * 10 + 10);
      if (designator.slice(0, 2) !== type) continue;
      const offset = Number(designator.slice(2, 6));
      // Issuers are known to be off by a byte or two; look near the declared offset before giving up on it.
      start = [0, 1, -1, 2, -2].map((delta) => offset + delta).find((at) => text.slice(at, at + 2) === type) ?? -1;
      checks.push({
        name: "AAMVA subfile offset",
        passed: true,
        detail: start === offset ? `${type} subfile at declared offset ${offset}` : `${type} subfile declared at ${offset}, found at ${start}`,
      });
    }
    // Without usable designators, the subfile is where its type is directly followed by an element ID.
    if (start < 0) start = text.search(new RegExp(`${type}(?=D[A-Z]{2})`));
    if (start < 0) continue;
    const body = text.slice(start + 2).split("\r")[0] ?? "";
    const elements = new Map<string, string>();
    for (const line of body.split("\n")) {
      const id = line.slice(0, 3);
      if (/^[A-Z]{3}$/.test(id) && !elements.has(id)) elements.set(id, line.slice(3).trim());
    }
    return { subfile: type, elements };
  }
  return null;
}

/** USA writes MMDDCCYY, Canada CCYYMMDD (AAMVA 2020 §D.12.5.1). */
function parseAamvaDate(value: string | undefined, country: "USA" | "CAN"): string | null {
  if (!value || !/^\d{8}$/.test(value)) return null;
  return country === "CAN"
    ? toIsoDate(Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8)))
    : toIsoDate(Number(value.slice(4, 8)), Number(value.slice(0, 2)), Number(value.slice(2, 4)));
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

/** AAMVA D20 sex codes: 1 male, 2 female, 9 not specified; version 1 cards wrote M/F. */
function normaliseSex(value: string | undefined): string | null {
  const code = value?.trim().toUpperCase();
  if (code === "1" || code === "M") return "M";
  if (code === "2" || code === "F") return "F";
  if (code === "9" || code === "X") return "X";
  return null;
}

/** Some jurisdictions write "NONE" or "unavl" for absent names (AAMVA truncation rules). */
function nameValue(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed || /^(NONE|UNAVL|UNKNOWN)$/i.test(trimmed)) return null;
  return trimmed.replace(/\s+/g, " ");
}

function readNames(elements: Map<string, string>): { surname: string | null; givenNames: string | null } {
  const fullName = elements.get("DAA")?.split(/[,$]/).map((part) => part.trim());
  const surname = nameValue(elements.get("DCS")) ?? nameValue(elements.get("DAB")) ?? nameValue(fullName?.[0]);
  // DCT (version 2) holds all given names, comma- or space-separated; later versions split DAC first and DAD middle.
  const given = [elements.get("DAC"), elements.get("DAD")].map(nameValue).filter((name): name is string => name !== null);
  const olderGiven = nameValue(elements.get("DCT")?.replace(/,/g, " ")) ?? nameValue(fullName?.slice(1).join(" "));
  return { surname, givenNames: given.length > 0 ? given.join(" ") : olderGiven };
}

/**
 * Parses the decoded text of an AAMVA PDF417 barcode. Returns null when it is not an AAMVA
 * DL/ID barcode; format problems are reported in `checks`, not thrown.
 */
export function parseAamva(text: string): AamvaRecord | null {
  if (!looksLikeAamva(text)) return null;
  const checks: DocumentCheck[] = [];
  const header = HEADER.exec(text);
  checks.push({
    name: "AAMVA header",
    passed: header !== null,
    detail: header ? `compliance indicator, separators and file type present; IIN ${header[2]}, version ${Number(header[3])}` : "header is not \"@\\n\\x1e\\rANSI \" followed by IIN and version",
  });
  const read = readElements(text, checks);
  if (!read) return null;
  const { elements } = read;
  const iin = header?.[2] ?? "";
  checks.push({ name: "AAMVA issuer identification number", passed: /^(636|604)\d{3}$/.test(iin), detail: iin ? `IIN ${iin}` : "no IIN" });

  const jurisdiction = elements.get("DAJ")?.trim().toUpperCase() || null;
  const declaredCountry = elements.get("DCG")?.trim().toUpperCase();
  const country: "USA" | "CAN" =
    declaredCountry === "CAN" || (!declaredCountry && jurisdiction !== null && CANADIAN_PROVINCES.has(jurisdiction)) ? "CAN" : "USA";
  const names = readNames(elements);
  const record: AamvaRecord = {
    documentType: read.subfile === "DL" ? "DRIVER_LICENSE" : "ID_CARD",
    issuerIdentificationNumber: iin,
    version: header ? Number(header[3]) : 0,
    country,
    jurisdiction,
    documentNumber: elements.get("DAQ")?.trim() || null,
    surname: names.surname,
    givenNames: names.givenNames,
    dateOfBirth: parseAamvaDate(elements.get("DBB"), country),
    issueDate: parseAamvaDate(elements.get("DBD"), country),
    expiryDate: parseAamvaDate(elements.get("DBA"), country),
    sex: normaliseSex(elements.get("DBC")),
    address: {
      street: [elements.get("DAG"), elements.get("DAH")].map(nameValue).filter(Boolean).join(", ") || null,
      city: nameValue(elements.get("DAI")),
      state: jurisdiction,
      postalCode: normalisePostalCode(elements.get("DAK"), country),
      country,
    },
    checks,
  };

  for (const [id, label, value] of [
    ["DBB", "date of birth", record.dateOfBirth],
    ["DBA", "expiry date", record.expiryDate],
    ["DBD", "issue date", record.issueDate],
  ] as const) {
    const raw = elements.get(id);
    if (raw === undefined) continue;
    checks.push({
      name: `AAMVA ${label} format`,
      passed: value !== null,
      detail: value ? `${id} ${raw} read as ${value} (${country === "CAN" ? "CCYYMMDD" : "MMDDCCYY"})` : `${id} "${raw}" is not a valid ${country === "CAN" ? "CCYYMMDD" : "MMDDCCYY"} date`,
    });
  }
  const missing = [
    ["DAQ", record.documentNumber],
    ["DCS", record.surname],
    ["DAC", record.givenNames],
    ["DBB", elements.get("DBB")],
    ["DBA", elements.get("DBA")],
  ]
    .filter(([, value]) => !value)
    .map(([id]) => id);
  checks.push({
    name: "AAMVA mandatory elements",
    passed: missing.length === 0,
    detail: missing.length === 0 ? "document number, names, date of birth and expiry present" : `missing ${missing.join(", ")}`,
  });
  return record;
}
