import type { ClaimVerdict } from "./claim-types";
import { matchVerdict, mismatchVerdict } from "./claim-verdicts";
import { parsePostalCode } from "./normalise-postal-code";

/**
 * Compares postal codes under the rules of `country` (ISO alpha-2, from the directory or evidence): US ZIP5
 * must agree and a ZIP+4 on one side is ignored; Canadian and UK codes ignore spacing and case; elsewhere
 * only letters and digits count.
 */
export function matchPostalCode(directoryValue: string, evidenceValue: string, country: string | null): ClaimVerdict {
  const [directory, evidence] = [parsePostalCode(directoryValue, country), parsePostalCode(evidenceValue, country)];
  if (!directory || !evidence) return mismatchVerdict("The postal code could not be read");
  const [shownDirectory, shownEvidence] = [directoryValue.trim(), evidenceValue.trim()];
  if (directory.base !== evidence.base) return mismatchVerdict(`Different postal code: ${shownDirectory} vs ${shownEvidence}`);
  if (shownDirectory === shownEvidence) return matchVerdict("Exact match");
  if (directory.country === "US" || evidence.country === "US") {
    if (directory.extension && evidence.extension && directory.extension !== evidence.extension) {
      return matchVerdict(
        `ZIP ${directory.base} matches; the ZIP+4 extensions differ (${directory.extension} vs ${evidence.extension}), which only narrows the delivery route`,
      );
    }
    return matchVerdict(`Postal code ${shownDirectory} matches ${shownEvidence} (ZIP+4)`);
  }
  return matchVerdict(`Postal code ${shownDirectory} matches ${shownEvidence} (spacing and case ignored)`);
}
