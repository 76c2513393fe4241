import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { type LinkChannelOption, SendVerificationForm } from "@/app/(console)/helpdesk/send-verification-form";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { PROFILE_FIELDS } from "@/lib/directory/employee-fields";
import { recordEmployeeViewed } from "@/lib/directory/search/audit-directory-search";
import { getRequestContext } from "@/lib/http/request-context";
import { CLAIM_LABELS } from "@/lib/verification/claims";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { recentVerificationAlert } from "@/lib/verification/requests/alert-evidence-mismatches";
import { assessVerifiability } from "@/lib/verification/requests/assess-verifiability";
import { listEmployeeVerifications } from "@/lib/verification/requests/get-verification-detail";
import { policyClaimsOf } from "@/lib/verification/requests/policy-claims";
import { maskDestination, mobileOnRecord } from "@/lib/verification/requests/possession-code";
import { PURPOSE_LABELS, STATUS_LABELS } from "@/lib/verification/requests/verification-labels";

export const metadata: Metadata = { title: "Employee" };

function linkChannels(employee: { email: string | null; mobilePhone: string | null; country: string | null }): LinkChannelOption[] {
  const channels: LinkChannelOption[] = [];
  if (employee.email) channels.push({ value: "EMAIL", label: `E-mail to ${maskDestination("EMAIL", employee.email)}` });
  const mobile = mobileOnRecord(employee);
  if (mobile) channels.push({ value: "SMS", label: `Text message to ${maskDestination("SMS", mobile)}` });
  channels.push({ value: "IN_PERSON", label: "Don't send: show a QR code here" });
  return channels;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function EmployeePage({ params }: { params: Promise<{ employeeId: string }> }) {
  const user = await requirePagePermission("directory:view");
  const id = z.uuid().safeParse((await params).employeeId);
  if (!id.success) notFound();
  const employee = await db().employee.findUnique({ where: { id: id.data }, include: { connection: { select: { status: true } } } });
  if (!employee) notFound();
  // Each profile shown is audited (who looked at whom), before anything of it is rendered.
  await recordEmployeeViewed(user, employee, await getRequestContext());
  const connectionActive = employee.connection.status === "ACTIVE";
  const canVerify = roleHasPermission(user.role, "helpdesk:verify") && employee.membership === "ACTIVE" && connectionActive;
  const verifications = canVerify ? await listEmployeeVerifications(employee.id) : [];
  const verifiability = canVerify ? assessVerifiability(employee, policyClaimsOf(await getCurrentPolicy())) : null;
  const alert = roleHasPermission(user.role, "helpdesk:verify") ? await recentVerificationAlert(employee.id) : null;
  const name = [employee.firstName, employee.lastName].filter(Boolean).join(" ") || employee.login;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/directory" className="font-medium text-brand-700 hover:underline">← Directory</Link>
      </p>
      <PageHeader
        title={name}
        description={employee.login}
        actions={
          <span className="flex gap-2">
            {employee.membership === "INACTIVE" ? <Badge>Left the group</Badge> : <Badge tone="success">In the group</Badge>}
            <Badge tone={employee.accountStatus === "ACTIVE" ? "success" : "warning"}>{employee.accountStatus.toLowerCase().replaceAll("_", " ")}</Badge>
          </span>
        }
      />
      <div className="space-y-6">
        {alert ? (
          <Alert tone="error" title="Repeated failed verifications">
            Several verifications as this person failed shortly before {when.format(alert.occurredAt)} UTC. Someone may be trying to pass as them: do not reset anything on a call alone; reach them through a channel you already know.
          </Alert>
        ) : null}
        {employee.membership === "INACTIVE" && roleHasPermission(user.role, "helpdesk:verify") ? (
          <Alert tone="warning" title="Cannot be verified">This person is no longer in the synced employee group, so no verification can be sent to them.</Alert>
        ) : null}
        {!connectionActive && roleHasPermission(user.role, "helpdesk:verify") ? (
          <Alert tone="warning" title="Cannot be verified now">The directory connection is not active, so no verification can be sent. An administrator must repair it under Settings → Identity provider.</Alert>
        ) : null}
        {canVerify ? (
          <Card title="Verify identity" description="E-mail the employee a single-use link to prove who they are before you act on their account.">
            {verifiability && !verifiability.canVerify ? (
              <div className="mb-4">
                <Alert tone="warning" title="This verification cannot succeed yet">
                  The policy requires {verifiability.missing.map((claim) => CLAIM_LABELS[claim]).join(", ")}, which the directory does not have for this person. Fix the profile at the identity provider (then sync), or adjust the policy.
                </Alert>
              </div>
            ) : null}
            <SendVerificationForm employeeId={employee.id} channels={linkChannels(employee)} />
            {verifications.length > 0 ? (
              <ul className="mt-5 divide-y divide-slate-100 border-t border-slate-100 text-sm">
                {verifications.map((verification) => (
                  <li key={verification.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <Link href={`/helpdesk/verifications/${verification.id}`} className="font-medium text-brand-700 hover:underline">
                      {PURPOSE_LABELS[verification.purpose]}
                    </Link>
                    <span className="text-slate-600">
                      {STATUS_LABELS[verification.status]} · {when.format(verification.createdAt)} UTC · {verification.initiatedBy?.name ?? "self-service"}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        ) : null}
        <Card title="Profile" description="As last synced from the identity provider. Missing fields limit which claims a verification can match.">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {PROFILE_FIELDS.map((field) => (
              <div key={field.key}>
                <dt className="text-xs text-slate-500">{field.label}</dt>
                <dd className={`text-sm ${employee[field.key] ? "text-slate-900" : "text-amber-700"}`}>{employee[field.key] ?? "Missing"}</dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-slate-500">Employee number</dt>
              <dd className="text-sm text-slate-900">{employee.employeeNumber ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Admin roles</dt>
              <dd className="text-sm text-slate-900">{employee.adminRoles.length ? employee.adminRoles.join(", ") : "None known"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Last synced</dt>
              <dd className="text-sm text-slate-900">{when.format(employee.lastSyncedAt)} UTC</dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}
