import type { ClaimVerdict } from "./claim-types";
import { matchVerdict, mismatchVerdict } from "./claim-verdicts";
import { findRegion, normaliseState } from "./normalise-state";

/** Compares states/provinces by code or name ("CA" = "California", "QC" = "Québec"); other regions by normalised text. */
export function matchState(directoryValue: string, evidenceValue: string): ClaimVerdict {
  const [directory, evidence] = [normaliseState(directoryValue), normaliseState(evidenceValue)];
  if (directory !== null && directory === evidence) {
    if (directoryValue.trim() === evidenceValue.trim()) return matchVerdict("Exact match");
    const region = findRegion(directoryValue);
    return matchVerdict(region ? `Both name ${region.name} (${region.code})` : "Match after normalising case and punctuation");
  }
  const describe = (value: string) => {
    const region = findRegion(value);
    return region ? `${region.name} (${region.code})` : `'${value.trim()}'`;
  };
  return mismatchVerdict(`Different state or province: ${describe(directoryValue)} vs ${describe(evidenceValue)}`);
}
