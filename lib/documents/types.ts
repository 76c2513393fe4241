/** Machine-readable formats this module can read. */
export type DocumentKind = "AAMVA" | "MRZ_TD1" | "MRZ_TD2" | "MRZ_TD3";

/** One verification the reader performed: an MRZ check digit, an AAMVA header rule, a date rule. */
/**
 * The MRZ check that says whether the name was read without guessing. No check digit covers a name, so it
 * speaks to OCR, not to tampering: the decision matches such a name against the directory instead of
 * failing the document's integrity on it (lib/verification/requests/decide-verification.ts).
 */
export const NAME_READ_CHECK = "name read";

export interface DocumentCheck {
  name: string;
  passed: boolean;
  detail: string;
}

export interface DocumentAddress {
  street: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

/** What the machine-readable zone of an identity document says, normalised across formats. */
export interface ExtractedDocument {
  kind: DocumentKind;
  /** "DRIVER_LICENSE", "ID_CARD", "PASSPORT", or "OTHER". */
  documentType: string;
  /** ISO 3166 alpha-3 as printed (ICAO "D" normalised to "DEU"); AAMVA: "USA" or "CAN". */
  issuingCountry: string;
  /** AAMVA state or province code such as "CA"; null for MRZ documents. */
  issuingJurisdiction: string | null;
  documentNumber: string;
  /** As read: upper case for MRZ. */
  surname: string;
  /** Several given names separated by single spaces. */
  givenNames: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  /** YYYY-MM-DD */
  expiryDate: string | null;
  /** MRZ alpha-3 nationality; null for AAMVA. */
  nationality: string | null;
  sex: string | null;
  /** AAMVA only. */
  address: DocumentAddress | null;
  checks: DocumentCheck[];
  /** OCR corrections that a check digit (or the country code list) confirmed. */
  corrections: string[];
}

export type DocumentReadFailureReason = "NOT_FOUND" | "UNREADABLE" | "UNSUPPORTED" | "TOO_LARGE";
export type DocumentReadHint =
  | "incomplete_barcode"
  | "glare"
  | "blur"
  | "cropped"
  /** The document lies far from square in the frame (beyond the ±15° the readers straighten). */
  | "tilted"
  | "low_resolution"
  | "not_a_document"
  | "unsupported_format"
  /** A machine-readable document that is not an identity document (a visa). */
  | "unsupported_document"
  /** The MRZ was read but its document number did not verify against its check digit. */
  | "unreadable_number"
  /** Read, but the verification compares a live face with the document's portrait and the photo shows none. */
  | "no_portrait";

export interface DocumentReadFailure {
  reason: DocumentReadFailureReason;
  hint: DocumentReadHint;
  /** A specific retry instruction for the employee. */
  message: string;
}

export interface DocumentReadSuccess {
  ok: true;
  document: ExtractedDocument;
  expired: boolean;
  /** False when a check failed or the data contradicts itself (for example a failed check digit). */
  consistent: boolean;
  /** Human-readable reasons why the document is not consistent. */
  problems: string[];
}

export type DocumentReadResult = DocumentReadSuccess | { ok: false; failure: DocumentReadFailure };

export interface ReadIdentityDocumentOptions {
  /** The moment "expired" and "date of birth in the future" are judged against; defaults to now. */
  now?: Date;
}
