import type { ClaimVerdict } from "./claim-types";
import { compareNameField, type NameFieldComparison } from "./compare-name-field";
import { missingVerdict, formatScore } from "./claim-verdicts";

/** Directory first/last name and the document's given names/surname; any may be absent. */
export interface NamesToMatch {
  directoryFirstName: string | null | undefined;
  directoryLastName: string | null | undefined;
  evidenceGivenNames: string | null | undefined;
  evidenceSurname: string | null | undefined;
}

export interface NameVerdicts {
  firstName: ClaimVerdict;
  lastName: ClaimVerdict;
}

function verdictFromComparison(comparison: NameFieldComparison, context?: string): ClaimVerdict {
  const detail = comparison.detail === "identical" ? "" : comparison.detail;
  let reason: string;
  if (context) reason = detail ? `${context} (${detail})` : context;
  else if (!comparison.matched) reason = detail;
  else if (comparison.score < 1) reason = `Close match (${formatScore(comparison.score)}): ${detail}`;
  else reason = detail ? `Match: ${detail}` : "Exact match";
  const sentence = reason.charAt(0).toUpperCase() + reason.slice(1);
  return { outcome: comparison.matched ? "MATCH" : "MISMATCH", score: comparison.score, reason: sentence };
}

/**
 * Matches first and last name together, because documents and directories split names differently:
 * a straight comparison first, then swapped fields (reported as a swap), then the full name split at a
 * different place ("Mary Ann" + "Smith" vs "MARY" + "ANN SMITH"). Otherwise each field stands on its own,
 * with a hint when it matches the other document field instead.
 */
export function matchNames(names: NamesToMatch): NameVerdicts {
  const [dFirst, dLast, eGiven, eSurname] = [
    names.directoryFirstName ?? "",
    names.directoryLastName ?? "",
    names.evidenceGivenNames ?? "",
    names.evidenceSurname ?? "",
  ];
  const firstMissing = missingVerdict(dFirst, eGiven, "first name");
  const lastMissing = missingVerdict(dLast, eSurname, "last name");
  if (firstMissing || lastMissing) {
    return {
      firstName: firstMissing ?? verdictFromComparison(compareNameField(dFirst, eGiven)),
      lastName: lastMissing ?? verdictFromComparison(compareNameField(dLast, eSurname)),
    };
  }

  const straightFirst = compareNameField(dFirst, eGiven);
  const straightLast = compareNameField(dLast, eSurname);
  if (straightFirst.matched && straightLast.matched) {
    return { firstName: verdictFromComparison(straightFirst), lastName: verdictFromComparison(straightLast) };
  }

  const swappedFirst = compareNameField(dFirst, eSurname);
  const swappedLast = compareNameField(dLast, eGiven);
  if (swappedFirst.matched && swappedLast.matched) {
    const swapped = "Surname and given name appear swapped";
    return { firstName: verdictFromComparison(swappedFirst, swapped), lastName: verdictFromComparison(swappedLast, swapped) };
  }

  const fullName = compareNameField(`${dFirst} ${dLast}`, `${eGiven} ${eSurname}`);
  // Only a clean re-split counts: extra names or initials here would let "J" + "SMITH" stand in for "John Smith".
  if (fullName.matched && !fullName.hasExtraNames && !fullName.usedInitials) {
    const split = "Same full name, split differently between given names and surname";
    return { firstName: verdictFromComparison(fullName, split), lastName: verdictFromComparison(fullName, split) };
  }

  const withHint = (comparison: NameFieldComparison, other: NameFieldComparison, otherField: string): ClaimVerdict =>
    !comparison.matched && other.matched
      ? verdictFromComparison(comparison, `Matches the document's ${otherField} instead, not its own field`)
      : verdictFromComparison(comparison);
  return { firstName: withHint(straightFirst, swappedFirst, "surname"), lastName: withHint(straightLast, swappedLast, "given names") };
}
