import { matchClaimsInputSchema, type ClaimName, type ClaimResult, type ClaimVerdict, type MatchClaimsInput } from "./claim-types";
import { missingVerdict } from "./claim-verdicts";
import { matchCity } from "./match-city";
import { matchDateOfBirth, matchEmail, matchPhone } from "./match-contact-claims";
import { matchCountry } from "./match-country";
import { matchNames, type NameVerdicts } from "./match-names";
import { matchPostalCode } from "./match-postal-code";
import { matchState } from "./match-state";
import { matchStreet } from "./match-street";
import { normaliseCountry } from "./normalise-country";

type ValueComparator = (directory: string, evidence: string, country: string | null) => ClaimVerdict;

const COMPARATORS: Record<Exclude<ClaimName, "firstName" | "lastName">, { label: string; compare: ValueComparator }> = {
  dateOfBirth: { label: "date of birth", compare: matchDateOfBirth },
  street: { label: "street", compare: matchStreet },
  city: { label: "city", compare: matchCity },
  state: { label: "state or province", compare: matchState },
  postalCode: { label: "postal code", compare: matchPostalCode },
  country: { label: "country", compare: matchCountry },
  email: { label: "e-mail address", compare: matchEmail },
  mobilePhone: { label: "mobile phone", compare: matchPhone },
};

/**
 * Decides, per requested claim, whether the evidence (read from an ID document or typed by the employee)
 * matches the directory profile. First and last name are matched together so swapped or differently split
 * names are recognised; `evidenceName` (the document's own surname/given-names split) takes precedence over
 * evidence.firstName/lastName. The country that rules postal codes and national phone numbers is the
 * directory's, falling back to the evidence's. Throws a ZodError when the input is malformed.
 */
export function matchClaims(input: MatchClaimsInput): ClaimResult[] {
  const { directory, evidence, claims, evidenceName } = matchClaimsInputSchema.parse(input);
  const country = normaliseCountry(directory.country) ?? normaliseCountry(evidence.country);
  let names: NameVerdicts | null = null;
  const nameVerdicts = () =>
    (names ??= matchNames({
      directoryFirstName: directory.firstName,
      directoryLastName: directory.lastName,
      evidenceGivenNames: evidenceName ? evidenceName.givenNames : evidence.firstName,
      evidenceSurname: evidenceName ? evidenceName.surname : evidence.lastName,
    }));

  return claims.map((claim): ClaimResult => {
    if (claim === "firstName" || claim === "lastName") return { claim, ...nameVerdicts()[claim] };
    const { label, compare } = COMPARATORS[claim];
    const [directoryValue, evidenceValue] = [directory[claim], evidence[claim]];
    const verdict = missingVerdict(directoryValue, evidenceValue, label) ?? compare(directoryValue ?? "", evidenceValue ?? "", country);
    return { claim, ...verdict };
  });
}

