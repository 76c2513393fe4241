import type { Metadata } from "next";
import Link from "next/link";
import { EmployeeSearch } from "@/app/(console)/helpdesk/employee-search";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { listRecentVerifications } from "@/lib/verification/requests/list-recent-verifications";
import { PURPOSE_LABELS, STATUS_LABELS } from "@/lib/verification/requests/verification-labels";

export const metadata: Metadata = { title: "Helpdesk" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function HelpdeskPage() {
  await requirePagePermission("helpdesk:verify");
  const verifications = await listRecentVerifications();
  return (
    <>
      <PageHeader
        title="Helpdesk verification"
        description="Confirm a caller is the employee they claim to be before you touch their account. Find the employee in the directory, then send them a verification link."
        actions={<Link href="/helpdesk/requests" className="text-sm font-medium text-brand-700 hover:underline">All requests →</Link>}
      />
      <div className="space-y-6">
      <Card>
        <EmployeeSearch />
      </Card>
      {verifications.length === 0 ? (
        <EmptyState title="No verifications yet">Find the caller above, open their page and send them a verification link.</EmptyState>
      ) : (
        <Card title="Recent verifications">
          <ul className="divide-y divide-slate-100 text-sm">
            {verifications.map((verification) => (
              <li key={verification.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/helpdesk/verifications/${verification.id}`} className="font-medium text-brand-700 hover:underline">
                  {[verification.employee.firstName, verification.employee.lastName].filter(Boolean).join(" ") || verification.employee.login}
                </Link>
                <span className="text-slate-600">
                  {PURPOSE_LABELS[verification.purpose]} · {STATUS_LABELS[verification.status]} · {when.format(verification.createdAt)} UTC · {verification.initiatedBy?.name ?? "self-service"}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      </div>
    </>
  );
}
