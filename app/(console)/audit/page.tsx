import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable } from "@/components/console/audit-event-table";
import { buttonClasses } from "@/components/ui/button";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { type AuditFilter, auditFilterSchema } from "@/lib/audit/audit-filter";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requirePagePermission } from "@/lib/auth/guards";
import { readSearchParams } from "@/lib/http/read-search-params";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/control-characters";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePagePermission("audit:view");
  // A control character in a filter is refused with a message, never sent to PostgreSQL (a NUL would be a 500).
  const { values: raw, refused } = readSearchParams(await searchParams);
  const input = { actor: raw.actor, action: raw.action, from: raw.from, to: raw.to, before: raw.before };
  const parsed = auditFilterSchema.safeParse(input);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const { events, nextBefore } = await listAuditEvents(filter);

  const query = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = filter[key];
    if (value) query.set(key, value);
  }
  const olderQuery = new URLSearchParams(query);
  if (nextBefore) olderQuery.set("before", nextBefore);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every security-relevant event, append-only. Times are in UTC."
        actions={
          <a href={`/api/audit/export?${query}`} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
        }
      />
      <div className="space-y-6">
        <Card>
          <form method="get" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_1fr_1fr_auto] lg:items-end">
            <Field label="Actor" htmlFor="actor">
              <TextInput id="actor" name="actor" placeholder="e-mail or id" defaultValue={input.actor ?? ""} />
            </Field>
            <Field label="Action" htmlFor="action">
              <Select id="action" name="action" defaultValue={filter.action ?? ""}>
                <option value="">All actions</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {AUDIT_ACTION_LABELS[action]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="From" htmlFor="from">
              <TextInput id="from" name="from" type="date" defaultValue={input.from ?? ""} />
            </Field>
            <Field label="To" htmlFor="to">
              <TextInput id="to" name="to" type="date" defaultValue={input.to ?? ""} />
            </Field>
            <div className="flex gap-2">
              <button type="submit" className={buttonClasses("primary")}>
                Filter
              </button>
              <Link href="/audit" className={buttonClasses("ghost")}>
                Clear
              </Link>
            </div>
          </form>
          {refused.length > 0 ? (
            <div className="mt-4">
              <Alert tone="error">{CONTROL_CHARACTER_MESSAGE} It was left out of the filter.</Alert>
            </div>
          ) : null}
          {!parsed.success ? (
            <div className="mt-4">
              <Alert tone="error">{parsed.error.issues[0]?.message ?? "The filter is invalid."} Showing all events.</Alert>
            </div>
          ) : null}
        </Card>
        {events.length === 0 ? (
          <EmptyState title="No events match this filter" />
        ) : (
          <Card>
            <AuditEventTable events={events} />
            <KeysetPager newestHref={filter.before ? `/audit?${query}` : null} olderHref={nextBefore ? `/audit?${olderQuery}` : null} noun="events" />
          </Card>
        )}
      </div>
    </>
  );
}
