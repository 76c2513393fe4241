import { isoDay } from "./parse-document-date";
import type { DocumentCheck, ExtractedDocument } from "./types";

/**
 * Date rules a genuine document always satisfies: born in the past, issued after birth and not in
 * the future, expiring after issue and after birth. Expiry itself is not a check (see `expired`).
 */
export function checkDocumentDates(document: ExtractedDocument, issueDate: string | null, now: Date): DocumentCheck[] {
  const today = isoDay(now);
  const { dateOfBirth, expiryDate } = document;
  const checks: DocumentCheck[] = [
    {
      name: "date of birth plausible",
      passed: dateOfBirth !== null && dateOfBirth <= today,
      detail: dateOfBirth === null ? "date of birth missing or not a real date" : dateOfBirth > today ? `date of birth ${dateOfBirth} is in the future` : `born ${dateOfBirth}`,
    },
    {
      name: "expiry date present",
      passed: expiryDate !== null,
      detail: expiryDate === null ? "expiry date missing or not a real date" : `expires ${expiryDate}`,
    },
  ];
  if (dateOfBirth && expiryDate) {
    checks.push({ name: "expiry after birth", passed: expiryDate > dateOfBirth, detail: `born ${dateOfBirth}, expires ${expiryDate}` });
  }
  if (issueDate) {
    checks.push({ name: "issue date not in the future", passed: issueDate <= today, detail: `issued ${issueDate}` });
    if (expiryDate) checks.push({ name: "expiry after issue", passed: expiryDate > issueDate, detail: `issued ${issueDate}, expires ${expiryDate}` });
    if (dateOfBirth) checks.push({ name: "issued after birth", passed: issueDate >= dateOfBirth, detail: `born ${dateOfBirth}, issued ${issueDate}` });
  }
  return checks;
}
