import { checkDocumentDates } from "./check-document-dates";
import type { AamvaRecord } from "./parse-aamva";
import type { ExtractedDocument } from "./types";

/** Maps a parsed AAMVA barcode onto the common document shape and adds the date rules. */
export function toAamvaDocument(record: AamvaRecord, now: Date): ExtractedDocument {
  const document: ExtractedDocument = {
    kind: "AAMVA",
    documentType: record.documentType,
    issuingCountry: record.country,
    issuingJurisdiction: record.jurisdiction,
    documentNumber: record.documentNumber ?? "",
    surname: record.surname ?? "",
    givenNames: record.givenNames ?? "",
    dateOfBirth: record.dateOfBirth,
    expiryDate: record.expiryDate,
    nationality: null,
    sex: record.sex,
    address: record.address,
    checks: [...record.checks],
    corrections: [...record.corrections],
  };
  document.checks.push(...checkDocumentDates(document, record.issueDate, now));
  return document;
}
