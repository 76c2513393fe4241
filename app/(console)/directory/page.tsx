import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { computeReadiness } from "@/lib/directory/compute-readiness";
import { PROFILE_FIELDS } from "@/lib/directory/employee-fields";
import { employeeFilterSchema } from "@/lib/directory/list-employees";
import { capabilitiesOf } from "@/lib/iam/provider-capabilities";
import { listEmployeesForUser } from "@/lib/directory/search/list-employees-for-user";
import { readSearchParams } from "@/lib/http/read-search-params";
import { getRequestContext } from "@/lib/http/request-context";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/control-characters";
import { PROVIDER_LABELS } from "@/lib/connections/provider-labels";

export const metadata: Metadata = { title: "Directory" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("directory:view");
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, provider: true, lastSyncedAt: true } });
  if (!connection) {
    return (
      <>
        <PageHeader title="Directory" description="The synced copy of your employee group in Microsoft Entra ID or Okta." />
        <EmptyState
          title="No directory synced yet"
          action={roleHasPermission(user.role, "settings:manage") ? <Link href="/settings/identity-provider" className="text-sm font-medium text-brand-700 hover:underline">Connect an identity provider</Link> : null}
        >
          Employees appear here once an administrator connects the identity provider and the first directory sync has run.
        </EmptyState>
      </>
    );
  }

  // A control character in the search is refused with a message, never searched for (a NUL would be a 500).
  const { values: raw, refused } = readSearchParams(await searchParams);
  const filter = employeeFilterSchema.parse({ q: raw.q, membership: raw.membership, missing: raw.missing, page: raw.page });
  const canExport = roleHasPermission(user.role, "directory:export");
  const [{ total, employees, pages, refusal }, readiness] = await Promise.all([listEmployeesForUser(user, connection.id, filter, await getRequestContext()), computeReadiness(connection.id)]);
  const query = (overrides: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: filter.q, membership: filter.membership, missing: filter.missing, page: filter.page, ...overrides })) {
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    return `/directory?${params}`;
  };

  return (
    <>
      <PageHeader
        title="Directory"
        description={`Synced from ${PROVIDER_LABELS[connection.provider]}${connection.lastSyncedAt ? `, last complete sync ${when.format(connection.lastSyncedAt)} UTC` : ""}.`}
      />
      <div className="space-y-6">
        <Card
          title="Readiness"
          description={`${readiness.complete.toLocaleString("en")} of ${readiness.activeEmployees.toLocaleString("en")} active employees have every profile field filled in. Fix the rest in your identity provider before rolling out verification.`}
          actions={canExport ? <a className={buttonClasses("secondary", "sm")} href="/api/directory/readiness/export" download>Export incomplete profiles (CSV)</a> : null}
        >
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="readiness">
            {readiness.fields.map((field) => (
              <li key={field.key}>
                <Link href={query({ missing: field.key, membership: "ACTIVE", page: 1 })} className={`block rounded-md px-3 py-2 ring-1 ${filter.missing === field.key ? "bg-brand-50 ring-brand-200" : "bg-slate-50 ring-slate-200 hover:bg-slate-100"}`}>
                  <span className="block text-xs text-slate-500">{field.label}</span>
                  <span className={`text-lg font-semibold ${field.missing ? "text-amber-700" : "text-emerald-700"}`}>{field.missing.toLocaleString("en")}</span>
                  <span className="text-xs text-slate-500"> missing</span>
                </Link>
              </li>
            ))}
          </ul>
          {capabilitiesOf(connection.provider).birthdaySource === "per_employee" ? (
            <p className="mt-3 text-xs text-slate-500" data-testid="birthday-note">
              {PROVIDER_LABELS[connection.provider]} gives dates of birth only when one user is read: verifyd fills them in here in the background, in throttled batches every 10 minutes
              {readiness.birthdaysAwaitingRead > 0 ? ` (${readiness.birthdaysAwaitingRead.toLocaleString("en")} still to read)` : ""}, and reads the employee&apos;s again, live, whenever a verification compares it. Those still missing after a read have none in the directory.
            </p>
          ) : null}
        </Card>

        <Card>
          <form method="get" className="grid grid-cols-1 gap-4 sm:grid-cols-[3fr_1fr_1fr_auto] sm:items-end">
            <Field label="Search" htmlFor="q">
              <TextInput id="q" name="q" placeholder="name, login, e-mail or employee number" defaultValue={filter.q ?? ""} />
            </Field>
            <Field label="Membership" htmlFor="membership">
              <Select id="membership" name="membership" defaultValue={filter.membership}>
                <option value="ACTIVE">In the group</option>
                <option value="INACTIVE">Left the group</option>
                <option value="ALL">All</option>
              </Select>
            </Field>
            <Field label="Missing field" htmlFor="missing">
              <Select id="missing" name="missing" defaultValue={filter.missing ?? ""}>
                <option value="">Any</option>
                {PROFILE_FIELDS.map((field) => (
                  <option key={field.key} value={field.key}>{field.label}</option>
                ))}
              </Select>
            </Field>
            <button type="submit" className={buttonClasses("primary")}>Filter</button>
          </form>
        </Card>

        {refused.length > 0 ? <Alert tone="error" title="Search refused">{CONTROL_CHARACTER_MESSAGE}</Alert> : null}
        {refusal ? <Alert tone="error" title="Search refused">{refusal}</Alert> : null}
        <Card title={`${total.toLocaleString("en")} employee${total === 1 ? "" : "s"}`}>
          {refusal ? null : employees.length === 0 ? (
            <p className="text-sm text-slate-500">No employee matches this filter.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="employees">
                <thead>
                  <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                    <th className="py-2 pr-4">Name</th>
                    <th className="py-2 pr-4">Login</th>
                    <th className="hidden py-2 pr-4 md:table-cell">E-mail</th>
                    <th className="py-2 pr-4">Status</th>
                    <th className="hidden py-2 md:table-cell">Last synced (UTC)</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {employees.map((employee) => (
                    <tr key={employee.id}>
                      <td className="py-2 pr-4">
                        <Link href={`/directory/${employee.id}`} className="font-medium text-brand-700 hover:underline">
                          {[employee.firstName, employee.lastName].filter(Boolean).join(" ") || "(no name)"}
                        </Link>
                      </td>
                      <td className="py-2 pr-4 break-all text-slate-700">{employee.login}</td>
                      <td className="hidden py-2 pr-4 break-all text-slate-700 md:table-cell">{employee.email ?? "—"}</td>
                      <td className="py-2 pr-4">
                        <span className="flex flex-wrap gap-1">
                          {employee.membership === "INACTIVE" ? <Badge tone="neutral">left group</Badge> : null}
                          <Badge tone={employee.accountStatus === "ACTIVE" ? "success" : "warning"}>{employee.accountStatus.toLowerCase().replaceAll("_", " ")}</Badge>
                        </span>
                      </td>
                      <td className="hidden py-2 text-slate-500 md:table-cell">{when.format(employee.lastSyncedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 ? (
            <nav aria-label="Pages" className="mt-4 flex items-center justify-between border-t border-slate-100 pt-4 text-sm">
              {filter.page > 1 ? <Link href={query({ page: filter.page - 1 })} className="font-medium text-brand-700 hover:underline">Previous</Link> : <span />}
              <span className="text-slate-500">Page {filter.page} of {pages}</span>
              {filter.page < pages ? <Link href={query({ page: filter.page + 1 })} className="font-medium text-brand-700 hover:underline">Next</Link> : <span />}
            </nav>
          ) : null}
        </Card>
      </div>
    </>
  );
}
