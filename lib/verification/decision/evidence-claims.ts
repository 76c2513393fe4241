import type { ClaimName, DirectoryClaimValues } from "@/lib/verification/claims";
import { CLAIM_NAMES } from "@/lib/verification/claims";
import type { ClaimRequirement } from "@/lib/verification/decision/compute-decision";

/** The parts of a machine-read document the decision uses (lib/documents ExtractedDocument satisfies it). */
export type DocumentEvidence = {
  kind: string;
  surname: string;
  givenNames: string;
  dateOfBirth: string | null;
  issuingCountry: string;
  address: { street: string | null; city: string | null; state: string | null; postalCode: string | null; country: string | null } | null;
};

/** Claim values a document carries. Names are kept whole; the matcher compares them jointly (swaps, several given names). */
export function claimsFromDocument(document: DocumentEvidence): DirectoryClaimValues {
  const values: DirectoryClaimValues = {
    firstName: document.givenNames || null,
    lastName: document.surname || null,
    dateOfBirth: document.dateOfBirth,
  };
  if (document.address) {
    values.street = document.address.street;
    values.city = document.address.city;
    values.state = document.address.state;
    values.postalCode = document.address.postalCode;
    // A driving licence's address is in the issuing country when the barcode omits it.
    values.country = document.address.country ?? document.issuingCountry;
  }
  return values;
}

/**
 * Claims the employee is asked to type because no stronger evidence carries them: enabled by the policy,
 * not on the document, and not proven by the possession code (a code confirmed at the work e-mail proves
 * the e-mail claim; one confirmed by text message proves the mobile number).
 */
export function claimsToAskEmployee(
  policyClaims: Record<ClaimName, ClaimRequirement>,
  provenValues: DirectoryClaimValues,
): ClaimName[] {
  return CLAIM_NAMES.filter((claim) => policyClaims[claim] !== "OFF" && !provenValues[claim]);
}
