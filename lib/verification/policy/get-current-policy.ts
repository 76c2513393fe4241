import "server-only";
import { db, type Tx } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
import { POLICY_VIEW_SELECT, toPolicyView, type VerificationPolicyView } from "@/lib/verification/policy/to-policy-view";
import { upgradePolicyAssurance } from "@/lib/verification/policy/upgrade-policy-assurance";

async function findNewestPolicy(client: Tx): Promise<VerificationPolicyView | null> {
  const row = await client.verificationPolicy.findFirst({ orderBy: { version: "desc" }, select: POLICY_VIEW_SELECT });
  return row ? toPolicyView(row) : null;
}

/**
 * The policy in force: the highest version. A new installation has none, so the first caller writes version 1
 * from DEFAULT_POLICY. Callers may race here (two verifications started at once): the insert skips on the
 * unique version, and everyone then reads the one row that won. A version from before minimum assurance existed
 * is superseded here, once, by the same settings with the safe default (upgradePolicyAssurance).
 */
export async function getCurrentPolicy(client: Tx = db()): Promise<VerificationPolicyView> {
  const existing = await findNewestPolicy(client);
  if (existing?.minimumAssuranceStored) return existing;
  if (existing) {
    // The new version and its audit event commit together: in the caller's transaction, or in one of our own.
    if ("$transaction" in client) await db().$transaction((tx) => upgradePolicyAssurance(tx, existing));
    else await upgradePolicyAssurance(client, existing);
    const upgraded = await findNewestPolicy(client);
    if (!upgraded) throw new Error("verification_policy disappeared during the assurance upgrade");
    return upgraded;
  }
  await client.verificationPolicy.createMany({
    data: [{ ...DEFAULT_POLICY, version: 1, claims: toJson(DEFAULT_POLICY.claims) }],
    skipDuplicates: true,
  });
  const created = await findNewestPolicy(client);
  if (!created) throw new Error("verification_policy version 1 was neither inserted nor found");
  return created;
}
