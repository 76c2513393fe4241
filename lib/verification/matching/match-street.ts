import type { ClaimVerdict } from "./claim-types";
import { matchVerdict, mismatchVerdict, withNotes, formatScore } from "./claim-verdicts";
import { jaroWinklerSimilarity } from "./jaro-winkler-similarity";
import { MATCH_THRESHOLDS } from "./match-thresholds";
import { normalisedTextForms } from "./normalise-text";
import { parseStreet, type StreetAddress } from "./normalise-street";

type Part = "house number" | "street type" | "direction" | "unit";

function describePart(street: StreetAddress, part: Part): string | null {
  if (part === "house number") return street.houseNumber;
  if (part === "street type") return street.streetType?.toUpperCase() ?? null;
  if (part === "direction") return street.directions.length > 0 ? street.directions.join(" ").toUpperCase() : null;
  return street.unit ? street.unit.toUpperCase() : null;
}

/**
 * Compares street lines. House number, street type, direction and unit must agree exactly when both sides
 * have them (123 vs 124 Main St is a different address however similar the strings are); only the street
 * name is fuzzy, at MATCH_THRESHOLDS.streetName. A piece present on one side only is noted, except the house
 * number, without which the line does not identify an address.
 */
export function matchStreet(directoryValue: string, evidenceValue: string): ClaimVerdict {
  if (directoryValue.trim() === evidenceValue.trim()) return matchVerdict("Exact match");
  // normalisedTextForms drops "#", which marks a unit ("#4" = "APT 4"), so name it first.
  const [directoryText, evidenceText] = [directoryValue, evidenceValue].map((value) => value.replaceAll("#", " unit "));
  let best: ClaimVerdict | null = null;
  // Street names can carry umlauts (Müllerstraße vs MUELLERSTR.): try each transliteration, keep the best.
  for (const directoryForm of normalisedTextForms(directoryText ?? "")) {
    for (const evidenceForm of normalisedTextForms(evidenceText ?? "")) {
      const verdict = compareStreets(parseStreet(directoryForm.text), parseStreet(evidenceForm.text));
      const rank = (v: ClaimVerdict) => (v.outcome === "MATCH" ? 2 : 0) + (v.score ?? 0);
      if (!best || rank(verdict) > rank(best)) best = verdict;
    }
  }
  return best ?? mismatchVerdict("The street could not be read");
}

function compareStreets(directory: StreetAddress | null, evidence: StreetAddress | null): ClaimVerdict {
  if (!directory || !evidence) return mismatchVerdict("The street could not be read");
  const notes: string[] = [];
  for (const part of ["house number", "street type", "direction", "unit"] as const) {
    const [inDirectory, inEvidence] = [describePart(directory, part), describePart(evidence, part)];
    if (inDirectory && inEvidence && inDirectory !== inEvidence) {
      return mismatchVerdict(`The ${part} differs (${inDirectory} vs ${inEvidence})`);
    }
    if (part === "house number" && (inDirectory === null) !== (inEvidence === null)) {
      return mismatchVerdict(`The house number is only in the ${inDirectory ? "directory" : "evidence"}`);
    }
    if (inDirectory && !inEvidence) notes.push(`${part} ${inDirectory} only in the directory`);
    if (!inDirectory && inEvidence) notes.push(`${part} ${inEvidence} only in the evidence`);
  }

  const score = jaroWinklerSimilarity(directory.name, evidence.name);
  if (score === 1) return matchVerdict(withNotes("Match after standardising abbreviations, case and punctuation", notes));
  if (score >= MATCH_THRESHOLDS.streetName) {
    return matchVerdict(withNotes(`Close match (${formatScore(score)}): street name '${directory.name}' ~ '${evidence.name}'`, notes), score);
  }
  return mismatchVerdict(
    `Different street name '${directory.name}' vs '${evidence.name}' (${formatScore(score)}, a match needs ${MATCH_THRESHOLDS.streetName})`,
    score,
  );
}
