/**
 * Claim matching: does evidence from an ID document (or typed by the employee) match the directory profile?
 * Pure functions, no I/O. The normalisers are exported for the policy simulation and the decision engine.
 */
export {
  CLAIM_NAMES,
  claimValuesSchema,
  matchClaimsInputSchema,
  type ClaimName,
  type ClaimOutcome,
  type ClaimResult,
  type ClaimValues,
  type EvidenceName,
  type MatchClaimsInput,
} from "./claim-types";
export { compareNameField, type NameFieldComparison } from "./compare-name-field";
export { jaroWinklerSimilarity } from "./jaro-winkler-similarity";
export { matchClaims } from "./match-claims";
export { matchNames, type NamesToMatch, type NameVerdicts } from "./match-names";
export { MATCH_THRESHOLDS } from "./match-thresholds";
export { normaliseCountry } from "./normalise-country";
export { normaliseDate } from "./normalise-date";
export { normalisePhone } from "./normalise-phone";
export { normalisePostalCode, parsePostalCode, type PostalCode } from "./normalise-postal-code";
export { findRegion, normaliseState, type KnownRegion } from "./normalise-state";
export { normaliseStreet, parseStreet, type StreetAddress } from "./normalise-street";
export { normaliseText, normalisedTextForms, isBlank } from "./normalise-text";
