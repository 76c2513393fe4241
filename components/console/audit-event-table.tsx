import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/audit-actions";
import type { AuditEventRow } from "@/lib/audit/list-audit-events";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}

function detailEntries(details: unknown): Array<[string, string]> {
  if (!details || typeof details !== "object") return [];
  return Object.entries(details).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]);
}

function Details({ details }: { details: unknown }) {
  const entries = detailEntries(details);
  if (entries.length === 0) return <span className="text-slate-300">—</span>;
  return (
    <dl className="space-y-0.5">
      {entries.map(([key, value]) => (
        <div key={key} className="flex gap-1">
          <dt className="text-slate-400">{key}:</dt>
          <dd className="break-all text-slate-600">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Actor({ event }: { event: AuditEventRow }) {
  return (
    <>
      <span className="break-all text-slate-900">{event.actorLabel ?? "—"}</span>
      <span className="block text-xs text-slate-400">{event.actorType.toLowerCase().replace("_", " ")}</span>
    </>
  );
}

/** Audit events: a table on wide screens, stacked entries on phones. Times are UTC. */
export function AuditEventTable({ events, compact = false }: { events: AuditEventRow[]; compact?: boolean }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden">
        {events.map((event) => (
          <li key={event.id} className="py-3 text-sm" data-testid="audit-item">
            <div className="flex items-baseline justify-between gap-2">
              <span className="font-medium text-slate-900">{actionLabel(event.action)}</span>
              <span className="shrink-0 text-xs text-slate-500">{dateFormat.format(event.occurredAt)}</span>
            </div>
            <p className="font-mono text-xs text-slate-400">{event.action}</p>
            <div className="mt-1 text-sm">
              <Actor event={event} />
            </div>
            {event.targetLabel ? <p className="mt-1 text-xs text-slate-600">Target: {event.targetLabel}</p> : null}
            {compact ? null : (
              <div className="mt-1 text-xs">
                {event.ip ? <p className="font-mono text-slate-500">{event.ip}</p> : null}
                <Details details={event.details} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <table className="hidden w-full table-fixed divide-y divide-slate-200 text-sm md:table">
        <thead>
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <th scope="col" className="w-44 py-2 pr-4">Time (UTC)</th>
            <th scope="col" className="py-2 pr-4">Actor</th>
            <th scope="col" className="py-2 pr-4">Action</th>
            <th scope="col" className="py-2 pr-4">Target</th>
            {compact ? null : (
              <>
                <th scope="col" className="w-28 py-2 pr-4">IP</th>
                <th scope="col" className="py-2">Details</th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} className="align-top" data-testid="audit-row">
              <td className="py-2 pr-4 text-slate-500">{dateFormat.format(event.occurredAt)}</td>
              <td className="py-2 pr-4">
                <Actor event={event} />
              </td>
              <td className="py-2 pr-4">
                <span className="font-medium text-slate-900">{actionLabel(event.action)}</span>
                <span className="block font-mono text-xs break-all text-slate-400">{event.action}</span>
              </td>
              <td className="py-2 pr-4 break-all text-slate-700">{event.targetLabel ?? "—"}</td>
              {compact ? null : (
                <>
                  <td className="py-2 pr-4 font-mono text-xs break-all text-slate-500">{event.ip ?? "—"}</td>
                  <td className="py-2 text-xs">
                    <Details details={event.details} />
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
