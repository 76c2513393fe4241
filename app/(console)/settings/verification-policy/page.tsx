import type { Metadata } from "next";
import { PolicyForm } from "@/app/(console)/settings/verification-policy/policy-form";
import { PolicyHistory } from "@/app/(console)/settings/verification-policy/policy-history";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { getCurrentPolicy } from "@/lib/verification/policy/get-current-policy";
import { listPolicyVersions } from "@/lib/verification/policy/list-policy-versions";
import { simulatePolicyOnCurrentDirectory } from "@/lib/verification/policy/simulate-policy";
import { toPolicyInput } from "@/lib/verification/policy/to-policy-view";

export const metadata: Metadata = { title: "Verification policy" };

const HISTORY_LENGTH = 20;

export default async function VerificationPolicyPage() {
  const user = await requirePagePermission("settings:view");
  const canManage = roleHasPermission(user.role, "settings:manage");
  const policy = await getCurrentPolicy();
  const [versions, simulation] = await Promise.all([listPolicyVersions(HISTORY_LENGTH), simulatePolicyOnCurrentDirectory(policy)]);

  return (
    <>
      <PageHeader
        title="Verification policy"
        description="Which directory claims must match the evidence an employee presents, which checks a verification needs, and what a verified employee may do next. Every save is a new version; each verification keeps the version it started with."
        actions={<Badge tone="brand">Version {policy.version}</Badge>}
      />
      <div className="space-y-6">
        <PolicyForm
          policy={{ ...toPolicyInput(policy), expectedVersion: policy.version }}
          initialSimulation={simulation}
          canManage={canManage}
        />
        <Card title="History" description={versions.length >= HISTORY_LENGTH ? `The last ${HISTORY_LENGTH} versions.` : undefined}>
          <PolicyHistory versions={versions} />
        </Card>
      </div>
    </>
  );
}
