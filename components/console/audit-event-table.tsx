import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/audit-actions";
import type { AuditEventRow } from "@/lib/audit/list-audit-events";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}

function summariseDetails(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/** Audit events as a table on wide screens and stacked cards on phones. Times are UTC. */
export function AuditEventTable({ events, compact = false }: { events: AuditEventRow[]; compact?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead>
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-4">Time (UTC)</th>
            <th scope="col" className="py-2 pr-4">Actor</th>
            <th scope="col" className="py-2 pr-4">Action</th>
            <th scope="col" className="py-2 pr-4">Target</th>
            {compact ? null : (
              <>
                <th scope="col" className="py-2 pr-4">IP</th>
                <th scope="col" className="py-2">Details</th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} className="align-top" data-testid="audit-row">
              <td className="whitespace-nowrap py-2 pr-4 text-slate-500">{dateFormat.format(event.occurredAt)}</td>
              <td className="py-2 pr-4">
                <span className="text-slate-900">{event.actorLabel ?? "—"}</span>
                <span className="block text-xs text-slate-400">{event.actorType.toLowerCase().replace("_", " ")}</span>
              </td>
              <td className="py-2 pr-4">
                <span className="font-medium text-slate-900">{actionLabel(event.action)}</span>
                <span className="block font-mono text-xs text-slate-400">{event.action}</span>
              </td>
              <td className="py-2 pr-4 text-slate-700">{event.targetLabel ?? "—"}</td>
              {compact ? null : (
                <>
                  <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs text-slate-500">{event.ip ?? "—"}</td>
                  <td className="max-w-xs py-2 text-xs break-words text-slate-500">{summariseDetails(event.details)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
