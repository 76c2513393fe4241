/**
 * Names as a person types them and as a document reader returns them differ in width, case and spacing
 * ("ＡＮＡ  Silva" vs "Ana Silva"), never in letters. NFKC folds compatibility forms (full-width letters,
 * ligatures); upper- then lower-casing folds case the way case folding does for ß/SS; whitespace collapses.
 * Diacritics are kept: "José" and "Jose" are different names to the policy.
 */
export function normaliseName(value: string): string {
  return value.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** The names the IDV vendor verified (`verified_claims.claims`), absent when it did not return them. */
export type VerifiedName = { givenName: string | undefined; familyName: string | undefined };
/** The Okta profile's names; null where the directory has none. */
export type ProfileName = { firstName: string | null; lastName: string | null };

/**
 * Whether the verified identity is this account's: both verified names present and equal to the profile's
 * after normalisation. A missing name on either side is a mismatch, because "nothing to compare" must not
 * authorise a password or authenticator reset.
 */
export function matchVerifiedName(verified: VerifiedName, profile: ProfileName): boolean {
  const same = (a: string | null | undefined, b: string | null | undefined) => {
    if (a === null || a === undefined || b === null || b === undefined) return false;
    const left = normaliseName(a);
    return left !== "" && left === normaliseName(b);
  };
  return same(verified.givenName, profile.firstName) && same(verified.familyName, profile.lastName);
}
