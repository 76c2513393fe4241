/**
 * Jaro-Winkler thresholds, in one place so the policy simulation and the decision engine read the same numbers.
 * A score at or above the threshold is a MATCH. Values were chosen against concrete pairs (see the tests):
 *
 * - Names 0.97: after normalisation (case, diacritics, transliteration, punctuation) the same name compares equal,
 *   so fuzziness is only needed for spelling variants such as Mohammed/Mohamed (0.975). Different names must fail:
 *   Maria/Mario 0.92, Jon/John 0.933, Jonathan/Jonathon 0.95, Christina/Christine 0.956, Mueller/Muller 0.918.
 *   Jaro-Winkler rewards shared prefixes, so Paul/Paula (0.96) and Daniel/Daniela (0.971) would pass on the score
 *   alone; names that only add letters at the end are therefore never fuzzy matches (see compare-name-field.ts).
 * - Street names 0.92: house number, street type, direction and unit are compared exactly, so only the name part is
 *   fuzzy; this lets a typo like Main/Mian (0.925) through while Oak/Elm style differences fail far below.
 * - Cities 0.94: Springfield/Springfeld (0.98) passes, San Jose/San Juan (0.85) and Newark/New York (0.87) fail.
 */
export const MATCH_THRESHOLDS = {
  name: 0.97,
  streetName: 0.92,
  city: 0.94,
} as const;
