/** The fields a bench scores, in the order it prints them. */
export const SCORED_FIELDS = ["documentNumber", "surname", "givenNames", "dateOfBirth", "expiryDate"] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** What a correct reader returns for a document. */
export interface ExpectedReading {
  documentNumber: string;
  surname: string;
  givenNames: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** YYYY-MM-DD */
  expiryDate: string;
  /**
   * Some published specimens list only the first given name (AAMVA "firstName"): then a read whose given
   * names begin with it is correct, since the middle names are not known to be wrong.
   */
  givenNamesFirstOnly?: boolean;
}

/** A document the reader must not accept: a forgery, a visa, a page with the data destroyed. */
export interface ExpectedRefusal {
  refuse: true;
  /** The field a forgery changed, so an accepted forgery of a document number counts against that target. */
  forgedField?: ScoredField;
}

export type Expectation = ExpectedReading | ExpectedRefusal;

/**
 * The part of a read that scoring looks at: readIdentityDocument's result is one, and so is a barcode text
 * parsed without an image.
 */
export type ScorableRead =
  | { ok: false }
  | { ok: true; consistent: boolean; problems?: string[]; document: Record<ScoredField, string | null> };

/**
 * Public specimens carry specimen issuers (ICAO's "UTO", the Bundesdruckerei's "BDR", retired codes like "SI",
 * test IINs on licence samples): the reader reads them right and rightly flags the issuer. That flag says
 * nothing about reading, so a read whose only problems are issuer codes is scored as read, field by field.
 */
const ISSUER_PROBLEM = /^((issuing state|nationality) code|AAMVA issuer identification number): /;

function acceptedAsRead(read: ScorableRead): boolean {
  return read.ok && (read.consistent || (read.problems !== undefined && read.problems.length > 0 && read.problems.every((problem) => ISSUER_PROBLEM.test(problem))));
}

/** "refused": the reader said no, or read it but marked it inconsistent; either way nothing wrong was accepted. */
export type FieldScore = "correct" | "refused" | "wrong-accepted";

export type ReadingScore =
  | { expected: "reading"; outcome: FieldScore; fields: Record<ScoredField, FieldScore> }
  | { expected: "refusal"; outcome: "refused-correctly" | "wrongly-accepted"; forgedField: ScoredField | null };

export function isRefusal(expectation: Expectation): expectation is ExpectedRefusal {
  return "refuse" in expectation;
}

/**
 * Names as the MRZ can hold them: A-Z and digits, anything else (hyphen, apostrophe, space, filler) one
 * separator. A printed "Martínez-Okafor" and an MRZ "MARTINEZ<OKAFOR" are the same name; "ERIKSSONKK" is not "ERIKSSON".
 */
export function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

function fieldMatches(field: ScoredField, read: string | null, expected: ExpectedReading): boolean {
  if (read === null) return false;
  if (field === "surname") return normaliseName(read) === normaliseName(expected.surname);
  if (field === "givenNames") {
    const got = normaliseName(read);
    const want = normaliseName(expected.givenNames);
    return got === want || (expected.givenNamesFirstOnly === true && got.startsWith(`${want} `));
  }
  // Numbers and dates are compared exactly: a number that differs in one character is another person's.
  return read.trim() === expected[field];
}

/**
 * Scores one read against what the document says, per field. A read counts as accepted only when it is ok and
 * consistent; anything the reader refused or flagged is "refused", never "wrong-accepted", so the figure
 * that must stay at zero counts only errors that would reach a decision unflagged.
 */
export function scoreReading(read: ScorableRead, expectation: Expectation): ReadingScore {
  const accepted = acceptedAsRead(read);
  if (isRefusal(expectation)) {
    return { expected: "refusal", outcome: accepted ? "wrongly-accepted" : "refused-correctly", forgedField: expectation.forgedField ?? null };
  }
  const score = (field: ScoredField): FieldScore =>
    !read.ok || !accepted ? "refused" : fieldMatches(field, read.document[field], expectation) ? "correct" : "wrong-accepted";
  const fields: Record<ScoredField, FieldScore> = {
    documentNumber: score("documentNumber"),
    surname: score("surname"),
    givenNames: score("givenNames"),
    dateOfBirth: score("dateOfBirth"),
    expiryDate: score("expiryDate"),
  };
  const scores = Object.values(fields);
  const outcome: FieldScore = !accepted ? "refused" : scores.every((score) => score === "correct") ? "correct" : "wrong-accepted";
  return { expected: "reading", outcome, fields };
}
