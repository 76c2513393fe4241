import "server-only";
import { db } from "@/lib/db/prisma";
import { diffPolicies } from "@/lib/verification/policy/diff-policies";
import { POLICY_VIEW_SELECT, toPolicyView } from "@/lib/verification/policy/to-policy-view";

export type PolicyVersionSummary = {
  version: number;
  createdAt: Date;
  /** E-mail of the admin who saved it; null for the default version 1 or a deleted account. */
  createdBy: string | null;
  /** What this version changed from the one before, one line per field ("Date of birth: Off → Required"). */
  changes: string[];
};

/** The newest `limit` policy versions, each with what it changed compared with its predecessor. */
export async function listPolicyVersions(limit = 20): Promise<PolicyVersionSummary[]> {
  // One row more than shown, so the oldest version shown can be compared with its predecessor too.
  const rows = await db().verificationPolicy.findMany({ orderBy: { version: "desc" }, take: limit + 1, select: POLICY_VIEW_SELECT });
  const views = rows.map(toPolicyView);
  return views.slice(0, limit).map((view, index) => {
    const previous = views[index + 1];
    return {
      version: view.version,
      createdAt: view.createdAt,
      createdBy: view.createdBy?.email ?? null,
      changes: !previous
        ? ["Initial policy"]
        : // The predecessor had no minimum assurance stored (read as the same safe default): say what this version did.
          !previous.minimumAssuranceStored && view.minimumAssuranceStored
          ? ["Minimum assurance per purpose introduced with the safe default (written by the system)", ...diffPolicies(previous, view).map((change) => change.description)]
          : diffPolicies(previous, view).map((change) => change.description),
    };
  });
}
