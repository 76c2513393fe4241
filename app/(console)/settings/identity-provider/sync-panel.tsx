"use client";

import { useEffect, useState } from "react";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";

const runSchema = z.object({
  id: z.string(),
  trigger: z.string(),
  mode: z.string(),
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]),
  pages: z.number(),
  seen: z.number(),
  created: z.number(),
  updated: z.number(),
  deactivated: z.number(),
  expectedTotal: z.number().nullable(),
  error: z.string().nullable(),
  queuedAt: z.string(),
  durationMs: z.number().nullable(),
  fraction: z.number().nullable(),
});
const progressSchema = z.object({ active: runSchema.nullable(), runs: z.array(runSchema) });
type Progress = z.infer<typeof progressSchema>;

const STATUS_TONE = { QUEUED: "neutral", RUNNING: "brand", SUCCEEDED: "success", FAILED: "danger" } as const;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The running sync with a live progress bar, and the history of runs. Polls while a run is active. */
export function SyncPanel() {
  const [progress, setProgress] = useState<Progress>();
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch("/api/directory/sync-progress", { cache: "no-store" });
        const parsed = progressSchema.safeParse(await response.json());
        if (!cancelled && parsed.success) setProgress(parsed.data);
        if (!cancelled) timer = setTimeout(poll, parsed.success && parsed.data.active ? 1000 : 5000);
      } catch {
        if (!cancelled) timer = setTimeout(poll, 5000);
      }
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);

  if (!progress) return <p className="text-sm text-slate-500">Loading sync history…</p>;
  const { active, runs } = progress;
  return (
    <div className="space-y-5">
      {active ? (
        <div className="space-y-2" data-testid="sync-progress">
          <p className="text-sm font-medium text-slate-800">
            {active.status === "QUEUED" ? "Sync queued…" : `Syncing: ${active.seen.toLocaleString("en")} employees read${active.expectedTotal ? ` of about ${active.expectedTotal.toLocaleString("en")}` : ""}`}
          </p>
          <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={active.fraction === null ? undefined : Math.round(active.fraction * 100)}>
            <div className={`h-full rounded-full bg-brand-600 transition-all ${active.fraction === null ? "w-1/3 animate-pulse" : ""}`} style={active.fraction === null ? undefined : { width: `${Math.max(2, active.fraction * 100)}%` }} />
          </div>
        </div>
      ) : null}
      {runs.length === 0 ? (
        <p className="text-sm text-slate-500">No sync has run yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="sync-history">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th className="py-2 pr-4">Started (UTC)</th>
                <th className="py-2 pr-4">Status</th>
                <th className="py-2 pr-4">Trigger</th>
                <th className="py-2 pr-4 text-right">Seen</th>
                <th className="py-2 pr-4 text-right">New</th>
                <th className="py-2 pr-4 text-right">Updated</th>
                <th className="py-2 pr-4 text-right">Deactivated</th>
                <th className="py-2 text-right">Duration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((run) => (
                <tr key={run.id} className="align-top">
                  <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{when.format(new Date(run.queuedAt))}</td>
                  <td className="py-2 pr-4">
                    <Badge tone={STATUS_TONE[run.status]}>{run.status.toLowerCase()}</Badge>
                    {run.error ? <p className="mt-1 max-w-xs text-xs text-red-700">{run.error}</p> : null}
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{run.trigger.toLowerCase().replaceAll("_", " ")} · {run.mode.toLowerCase()}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{run.seen.toLocaleString("en")}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{run.created.toLocaleString("en")}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{run.updated.toLocaleString("en")}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{run.deactivated.toLocaleString("en")}</td>
                  <td className="py-2 text-right tabular-nums text-slate-600">{run.durationMs === null ? "—" : `${(run.durationMs / 1000).toFixed(1)} s`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
