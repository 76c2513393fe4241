import type { ClaimVerdict } from "./claim-types";
import { matchVerdict, mismatchVerdict } from "./claim-verdicts";
import { normaliseCountry } from "./normalise-country";

/** Compares countries as ISO alpha-2 codes, whatever form each side uses ("USA" = "United States" = "US", "D" = "DE"). */
export function matchCountry(directoryValue: string, evidenceValue: string): ClaimVerdict {
  const [directory, evidence] = [normaliseCountry(directoryValue), normaliseCountry(evidenceValue)];
  if (directory === null) return mismatchVerdict(`The directory's country '${directoryValue.trim()}' is not a recognised country`);
  if (evidence === null) return mismatchVerdict(`The evidence's country '${evidenceValue.trim()}' is not a recognised country`);
  if (directory !== evidence) return mismatchVerdict(`Different country: ${directory} vs ${evidence}`);
  if (directoryValue.trim() === evidenceValue.trim()) return matchVerdict("Exact match");
  return matchVerdict(`Same country (${directory}): '${directoryValue.trim()}' vs '${evidenceValue.trim()}'`);
}
