import type { ClaimVerdict } from "./claim-types";
import { matchVerdict, mismatchVerdict } from "./claim-verdicts";
import { normaliseDate } from "./normalise-date";
import { normalisePhone } from "./normalise-phone";

/** E-mail addresses match only exactly, ignoring case and surrounding spaces: a near miss is another mailbox. */
export function matchEmail(directoryValue: string, evidenceValue: string): ClaimVerdict {
  const [directory, evidence] = [directoryValue.trim().toLowerCase(), evidenceValue.trim().toLowerCase()];
  if (directory !== evidence) return mismatchVerdict("Different e-mail address");
  return matchVerdict(directoryValue.trim() === evidenceValue.trim() ? "Exact match" : "Match ignoring case");
}

/** Phone numbers compared in E.164; national numbers are read in `defaultCountry` (the directory's country). */
export function matchPhone(directoryValue: string, evidenceValue: string, defaultCountry: string | null): ClaimVerdict {
  const [directory, evidence] = [normalisePhone(directoryValue, defaultCountry), normalisePhone(evidenceValue, defaultCountry)];
  if (!directory) return mismatchVerdict(`The directory's phone '${directoryValue.trim()}' is not a valid phone number`);
  if (!evidence) return mismatchVerdict(`The evidence's phone '${evidenceValue.trim()}' is not a valid phone number`);
  if (directory !== evidence) return mismatchVerdict(`Different phone number: ${directory} vs ${evidence}`);
  return matchVerdict(directoryValue.trim() === evidenceValue.trim() ? "Exact match" : `Same number ${directory} in different formats`);
}

/** Dates of birth must be the same real calendar day, both written YYYY-MM-DD. */
export function matchDateOfBirth(directoryValue: string, evidenceValue: string): ClaimVerdict {
  const [directory, evidence] = [normaliseDate(directoryValue), normaliseDate(evidenceValue)];
  if (!directory) return mismatchVerdict(`The directory's date of birth '${directoryValue.trim()}' is not a valid YYYY-MM-DD date`);
  if (!evidence) return mismatchVerdict(`The evidence's date of birth '${evidenceValue.trim()}' is not a valid YYYY-MM-DD date`);
  return directory === evidence ? matchVerdict("Exact match") : mismatchVerdict(`Different date of birth: ${directory} vs ${evidence}`);
}
