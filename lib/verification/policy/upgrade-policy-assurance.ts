import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { ASSURANCE_LABELS } from "@/lib/verification/assurance/assurance-levels";
import { ASSURANCE_PURPOSES, MINIMUM_ASSURANCE_PURPOSE_LABELS, SAFE_MINIMUM_ASSURANCE } from "@/lib/verification/policy/minimum-assurance";
import type { VerificationPolicyView } from "@/lib/verification/policy/to-policy-view";

/**
 * A version saved before minimum assurance existed (its column is NULL) is superseded by the next version: the
 * same settings with the safe default spelled out, written by the system, with an audit event saying so. A
 * migration cannot do this: versions are immutable, and the audit log is a hash chain only the application
 * appends to. Runs inside the caller's transaction (row and event commit together, or neither). Concurrent
 * callers race on the unique version: ON CONFLICT DO NOTHING lets one insert win, and only the winner (count 1)
 * records the event; the others wait for its commit on the unique index, then read the row it wrote.
 */
export async function upgradePolicyAssurance(tx: Tx, current: VerificationPolicyView): Promise<void> {
  const version = current.version + 1;
  const { id: _id, version: _version, createdAt: _createdAt, createdBy: _createdBy, minimumAssuranceStored: _stored, ...settings } = current;
  const inserted = await tx.verificationPolicy.createMany({
    data: [{ ...settings, claims: toJson(settings.claims), minimumAssurance: toJson(SAFE_MINIMUM_ASSURANCE), version }],
    skipDuplicates: true,
  });
  if (inserted.count !== 1) return;
  const created = await tx.verificationPolicy.findUniqueOrThrow({ where: { version }, select: { id: true } });
  const summary = ASSURANCE_PURPOSES.map((purpose) => `${MINIMUM_ASSURANCE_PURPOSE_LABELS[purpose]}: at least ${ASSURANCE_LABELS[SAFE_MINIMUM_ASSURANCE[purpose]]}`).join("; ");
  await recordAuditEvent(tx, {
    actor: { type: "SYSTEM", label: "policy upgrade" },
    action: "verification_policy.updated",
    target: { type: "verification_policy", id: created.id, label: `Version ${version}` },
    details: {
      fromVersion: current.version,
      toVersion: version,
      changes: { minimumAssurance: { from: null, to: SAFE_MINIMUM_ASSURANCE } },
      summary: `Minimum assurance per purpose introduced with the safe default (document data alone never unlocks a self-service reset). ${summary}.`,
    },
  });
}
