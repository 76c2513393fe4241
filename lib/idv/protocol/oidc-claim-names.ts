import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";

/**
 * Our claims as OpenID Connect names them (Core §5.1; the address parts live in the `address` object).
 * `verified_claims.claims` uses the same names (OpenID Connect for Identity Assurance 1.0 §5).
 */
export const OIDC_CLAIM_OF = {
  firstName: "given_name",
  lastName: "family_name",
  dateOfBirth: "birthdate",
  street: "address.street_address",
  city: "address.locality",
  state: "address.region",
  postalCode: "address.postal_code",
  country: "address.country",
  email: "email",
  mobilePhone: "phone_number",
} as const satisfies Record<ClaimName, string>;

const ADDRESS_CLAIMS: readonly ClaimName[] = ["street", "city", "state", "postalCode", "country"];

/** Our claim names for the OIDC names a request lists; names we never verify are left out (IDA: omitted). */
export function claimNamesForOidc(oidcNames: Iterable<string>): ClaimName[] {
  const wanted = new Set<ClaimName>();
  for (const name of oidcNames) {
    if (name === "address") ADDRESS_CLAIMS.forEach((claim) => wanted.add(claim));
    for (const claim of CLAIM_NAMES) {
      const oidc = OIDC_CLAIM_OF[claim];
      if (oidc === name || (oidc.startsWith("address.") && name === `address.${oidc.slice("address.".length)}`)) wanted.add(claim);
    }
  }
  return CLAIM_NAMES.filter((claim) => wanted.has(claim));
}

export function isClaimName(value: string): value is ClaimName {
  return (CLAIM_NAMES as readonly string[]).includes(value);
}
