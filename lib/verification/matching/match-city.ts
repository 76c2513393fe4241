import type { ClaimVerdict } from "./claim-types";
import { matchVerdict, mismatchVerdict, formatScore } from "./claim-verdicts";
import { jaroWinklerSimilarity } from "./jaro-winkler-similarity";
import { MATCH_THRESHOLDS } from "./match-thresholds";
import { describeNormalisations, neededNormalisations, normalisedTextForms, textTokens } from "./normalise-text";

// Abbreviated words in place names: ST. LOUIS = Saint Louis, MT VERNON = Mount Vernon, FT WORTH = Fort Worth.
const CITY_WORDS: Readonly<Record<string, string>> = { st: "saint", ste: "sainte", mt: "mount", ft: "fort", pt: "point" };

function expandCityWords(normalised: string): string {
  return textTokens(normalised)
    .map((word) => CITY_WORDS[word] ?? word)
    .join(" ");
}

/**
 * Compares city names after normalising case, diacritics, transliteration (München = MUENCHEN) and common
 * abbreviations; tolerates small spelling differences at MATCH_THRESHOLDS.city. Exonyms (Munich vs München)
 * are not recognised.
 */
export function matchCity(directoryValue: string, evidenceValue: string): ClaimVerdict {
  if (directoryValue.trim() === evidenceValue.trim()) return matchVerdict("Exact match");
  let bestScore = 0;
  let bestPair = { directory: "", evidence: "", transliterated: false, abbreviated: false };
  for (const directoryForm of normalisedTextForms(directoryValue)) {
    for (const evidenceForm of normalisedTextForms(evidenceValue)) {
      const [directory, evidence] = [expandCityWords(directoryForm.text), expandCityWords(evidenceForm.text)];
      const score = jaroWinklerSimilarity(directory, evidence);
      if (score > bestScore) {
        bestScore = score;
        const transliterated = directoryForm.transliterated || evidenceForm.transliterated;
        bestPair = { directory, evidence, transliterated, abbreviated: directoryForm.text !== evidenceForm.text };
      }
    }
  }
  if (bestScore === 1) {
    const steps = neededNormalisations(directoryValue, evidenceValue, bestPair.transliterated);
    if (bestPair.abbreviated) return matchVerdict("Match: abbreviations differ (e.g. St = Saint)");
    return matchVerdict(`Match: ${describeNormalisations(steps, bestPair.transliterated)}`);
  }
  if (bestScore >= MATCH_THRESHOLDS.city) {
    return matchVerdict(`Close match (${formatScore(bestScore)}): '${bestPair.directory}' ~ '${bestPair.evidence}'`, bestScore);
  }
  return mismatchVerdict(`Different city (${formatScore(bestScore)}, a match needs ${MATCH_THRESHOLDS.city})`, bestScore);
}
