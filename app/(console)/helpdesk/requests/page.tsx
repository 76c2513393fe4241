import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { requirePagePermission } from "@/lib/auth/guards";
import { readSearchParams } from "@/lib/http/read-search-params";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/control-characters";
import { RESET_ACTION_NAMES, RESET_STATUS_LABELS } from "@/lib/credential-reset/reset-actions";
import { listVerificationAgents, listVerificationRequests, verificationRequestFilterSchema } from "@/lib/verification/requests/list-verification-requests";
import { PURPOSE_LABELS, STATUS_LABELS } from "@/lib/verification/requests/verification-labels";

export const metadata: Metadata = { title: "Verification requests" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function VerificationRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("helpdesk:verify");
  // A control character in a filter is refused with a message, never sent to PostgreSQL (a NUL would be a 500).
  const { values, refused } = readSearchParams(await searchParams);
  const filter = verificationRequestFilterSchema.parse(values);
  const [{ total, requests, pages }, agents] = await Promise.all([listVerificationRequests(filter), listVerificationAgents()]);
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, page })) if (value !== undefined && value !== "") params.set(key, String(value));
    return `/helpdesk/requests?${params.toString()}`;
  };
  return (
    <>
      <PageHeader title="Verification requests" description="Every verification, newest first: the queue for team leads." actions={<Link href="/helpdesk" className="text-sm font-medium text-brand-700 hover:underline">← Helpdesk</Link>} />
      <div className="space-y-6">
        <Card>
          <form className="grid gap-4 sm:grid-cols-2 lg:grid-cols-8" method="get">
            <div className="lg:col-span-2">
              <Field label="Employee" htmlFor="employee"><TextInput id="employee" name="employee" defaultValue={filter.employee ?? ""} placeholder="Name, login or e-mail" /></Field>
            </div>
            <Field label="Status" htmlFor="status">
              <Select id="status" name="status" defaultValue={filter.status ?? ""}>
                <option value="">Any</option>
                {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </Select>
            </Field>
            <Field label="Agent" htmlFor="agent">
              <Select id="agent" name="agent" defaultValue={filter.agent ?? ""}>
                <option value="">Anyone</option>
                {agents.map((agent) => <option key={agent.id} value={agent.id}>{agent.name}</option>)}
              </Select>
            </Field>
            <Field label="Reset reference" htmlFor="reference"><TextInput id="reference" name="reference" defaultValue={filter.reference?.toUpperCase() ?? ""} placeholder="e.g. 1A2B3C4D" maxLength={8} /></Field>
            <Field label="Ticket" htmlFor="ticket"><TextInput id="ticket" name="ticket" defaultValue={filter.ticket ?? ""} placeholder="e.g. INC0012345" maxLength={64} /></Field>
            <Field label="From" htmlFor="from"><TextInput id="from" name="from" type="date" defaultValue={filter.from ?? ""} /></Field>
            <Field label="To" htmlFor="to"><TextInput id="to" name="to" type="date" defaultValue={filter.to ?? ""} /></Field>
            <div className="flex items-end gap-2 lg:col-span-8">
              <button type="submit" className={buttonClasses()}>Filter</button>
              <Link href="/helpdesk/requests" className={buttonClasses("ghost")}>Clear</Link>
              <span className="ml-auto text-sm text-slate-500">{total} {total === 1 ? "request" : "requests"}</span>
            </div>
          </form>
          {refused.length > 0 ? <div className="mt-4"><Alert tone="error">{CONTROL_CHARACTER_MESSAGE} It was left out of the filter.</Alert></div> : null}
        </Card>
        {requests.length === 0 ? (
          <EmptyState title="No verification requests match">Change the filters, or send a verification from an employee&apos;s page.</EmptyState>
        ) : (
          <Card>
            <div className="-mx-5 overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="verification-requests">
                <thead className="text-left text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">Employee</th>
                    <th scope="col" className="px-3 py-2 font-medium">Purpose</th>
                    <th scope="col" className="px-3 py-2 font-medium">Status</th>
                    <th scope="col" className="px-3 py-2 font-medium">Agent</th>
                    <th scope="col" className="px-5 py-2 font-medium">Sent (UTC)</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {requests.map((request) => (
                    <tr key={request.id}>
                      <td className="px-5 py-2">
                        <Link href={`/helpdesk/verifications/${request.id}`} className="font-medium text-brand-700 hover:underline">
                          {[request.employee.firstName, request.employee.lastName].filter(Boolean).join(" ") || request.employee.login}
                        </Link>
                        <p className="text-xs text-slate-500">{request.employee.login}{request.externalTicketRef ? ` · ticket ${request.externalTicketRef}` : ""}</p>
                      </td>
                      <td className="px-3 py-2 text-slate-700">{PURPOSE_LABELS[request.purpose]}</td>
                      <td className="px-3 py-2 text-slate-700">
                        {STATUS_LABELS[request.status]}{request.bindingConfirmedAt ? " · caller confirmed" : ""}
                        {request.credentialResets.map((reset) => (
                          <p key={reset.action} className="text-xs text-slate-500">{RESET_ACTION_NAMES[reset.action]}: {RESET_STATUS_LABELS[reset.status]}</p>
                        ))}
                      </td>
                      <td className="px-3 py-2 text-slate-700">{request.initiatedBy?.name ?? (request.initiatedByApiKey ? `API: ${request.initiatedByApiKey.name}` : "Self-service")}</td>
                      <td className="px-5 py-2 text-slate-700">{when.format(request.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 ? (
              <nav className="mt-4 flex items-center justify-between text-sm" aria-label="Pages">
                {filter.page > 1 ? <Link href={pageHref(filter.page - 1)} className="text-brand-700 hover:underline">← Newer</Link> : <span />}
                <span className="text-slate-500">Page {filter.page} of {pages}</span>
                {filter.page < pages ? <Link href={pageHref(filter.page + 1)} className="text-brand-700 hover:underline">Older →</Link> : <span />}
              </nav>
            ) : null}
          </Card>
        )}
      </div>
    </>
  );
}
