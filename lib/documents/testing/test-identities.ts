/** A person as a test document prints them, plus how the workforce directory knows them. */
export interface TestIdentity {
  /** Short name for test titles and fixture files. */
  label: string;
  /** As printed on the document's face; may hold diacritics (the MRZ transliterates them). */
  surname: string;
  givenNames: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** YYYY-MM-DD */
  expiryDate: string;
  documentNumber: string;
  /** ISO 3166 alpha-3 of the issuing state. */
  issuingCountry: string;
  /** ISO 3166 alpha-3. */
  nationality: string;
  sex: "M" | "F" | "X";
  /** AAMVA state or province; only licences carry one. */
  issuingJurisdiction?: string;
  address?: { street: string; city: string; state: string; postalCode: string; country: "USA" | "CAN" };
  /** When set, buildMrz writes a wrong check digit for this field, as a crude forgery would. */
  forgedCheckDigit?: "documentNumber" | "dateOfBirth" | "expiryDate";
  /** The same employee as the workforce directory (Entra ID / Okta) lists them. */
  directory: { givenName: string; surname: string; dateOfBirth: string };
}

const valid: TestIdentity = {
  label: "valid",
  surname: "Eriksson",
  givenNames: "Anna Maria",
  dateOfBirth: "1990-08-12",
  issueDate: "2024-05-31",
  expiryDate: "2034-05-30",
  documentNumber: "L898902C3",
  issuingCountry: "USA",
  nationality: "USA",
  sex: "F",
  issuingJurisdiction: "CA",
  address: { street: "1200 Harbor Blvd", city: "Sacramento", state: "CA", postalCode: "958140000", country: "USA" },
  directory: { givenName: "Anna", surname: "Eriksson", dateOfBirth: "1990-08-12" },
};

/**
 * Ready-made people for unit and browser tests. Expiry dates are far from today in both
 * directions, so the "valid" ones stay valid for years without a fixed clock.
 */
export const TEST_IDENTITIES = {
  valid,
  expired: {
    ...valid,
    label: "expired",
    surname: "Okafor",
    givenNames: "Chidi",
    sex: "M",
    dateOfBirth: "1985-02-03",
    issueDate: "2013-03-16",
    expiryDate: "2021-03-15",
    documentNumber: "D23145890",
    directory: { givenName: "Chidi", surname: "Okafor", dateOfBirth: "1985-02-03" },
  },
  forged: {
    ...valid,
    label: "forged",
    surname: "Novak",
    givenNames: "Petra",
    dateOfBirth: "1992-11-30",
    documentNumber: "X4471209",
    forgedCheckDigit: "dateOfBirth",
    directory: { givenName: "Petra", surname: "Novak", dateOfBirth: "1992-11-30" },
  },
  differentName: {
    ...valid,
    label: "different-name",
    surname: "Lindqvist",
    givenNames: "Karin",
    documentNumber: "K7730155",
    // The directory expects someone else entirely: the document must not match.
    directory: { givenName: "Anna", surname: "Eriksson", dateOfBirth: "1990-08-12" },
  },
  differentBirthDate: {
    ...valid,
    label: "different-birth-date",
    documentNumber: "B5520931",
    dateOfBirth: "1991-08-12",
    directory: { givenName: "Anna", surname: "Eriksson", dateOfBirth: "1990-08-12" },
  },
  nearMatching: {
    ...valid,
    label: "near-matching",
    surname: "García Márquez",
    givenNames: "José",
    sex: "M",
    dateOfBirth: "1979-04-21",
    issuingCountry: "ESP",
    nationality: "ESP",
    documentNumber: "PAB123456",
    issuingJurisdiction: undefined,
    address: undefined,
    // The directory keeps the diacritics; the MRZ can only hold A-Z.
    directory: { givenName: "José", surname: "García Márquez", dateOfBirth: "1979-04-21" },
  },
} satisfies Record<string, TestIdentity>;
