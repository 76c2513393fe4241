import type { PolicyVersionSummary } from "@/lib/verification/policy/list-policy-versions";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Saved versions, newest first, each with what it changed. */
export function PolicyHistory({ versions }: { versions: PolicyVersionSummary[] }) {
  return (
    <ol className="divide-y divide-slate-100" data-testid="policy-history">
      {versions.map((version) => (
        <li key={version.version} className="grid grid-cols-1 gap-1 py-3 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-4">
          <div>
            <p className="text-sm font-semibold text-slate-900">Version {version.version}</p>
            <p className="text-xs text-slate-500">{when.format(version.createdAt)} UTC</p>
            <p className="text-xs break-all text-slate-500">{version.createdBy ?? "Default (no one saved it)"}</p>
          </div>
          <ul className="space-y-0.5 text-sm text-slate-700">
            {version.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
