import type { Vendor } from "@/lib/cli/bench-sync/bench-sync-options";
import type { ScenarioResult } from "@/lib/cli/bench-sync/run-scenario";

export type BenchRow = { vendor: Vendor; size: number; latencyMs: number; realistic: boolean; result: ScenarioResult; sandboxPeakRssMiB: number };

const COLUMNS: Array<[string, number]> = [
  ["vendor", 6], ["employees", 9], ["latency", 8], ["pages", 6], ["fetch s", 8], ["sync s", 8], ["emp/s", 8], ["÷fetch", 7],
  ["COPY s", 7], ["÷COPY", 6], ["peak RSS", 9], ["heap", 7], ["CPU app/sbx/pg s", 17], ["delta s", 8],
];

export function tableHeader(): string {
  return COLUMNS.map(([name, width]) => name.padStart(width)).join(" ");
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "-");

export function tableLine(row: BenchRow): string {
  const { fetchOnly, sync, copy, incremental } = row.result;
  const cpu = `${fixed(sync.cpu.app, 1)}/${fixed(sync.cpu.sandbox, 1)}/${fixed(sync.cpu.postgres, 1)}`;
  const delta = incremental === null ? "-" : incremental === "unsupported" ? "n/a" : fixed(incremental.seconds, 2);
  const cells = [
    row.vendor, String(row.size), `${row.latencyMs} ms`, String(fetchOnly.pages), fixed(fetchOnly.seconds, 2), fixed(sync.seconds, 2),
    Math.round(sync.seen / sync.seconds).toLocaleString("en"), fixed(sync.seconds / fetchOnly.seconds, 2),
    copy ? fixed(copy.seconds, 2) : "-", copy ? fixed(sync.seconds / copy.seconds, 2) : "-",
    `${fixed(sync.peakRssMiB, 0)} MiB`, `${fixed(sync.retainedHeapMiB, 0)} MiB`, cpu, delta,
  ];
  return cells.map((cell, index) => cell.padStart(COLUMNS[index]?.[1] ?? 0)).join(" ");
}

export const TABLE_LEGEND = `÷fetch = sync time / time to only fetch every page through the same adapter (targets: <= 1.05 at the vendor's realistic latency, <= 1.15 at 50 ms).
÷COPY = sync time / one bare COPY of the same rows into a table LIKE employee INCLUDING ALL + its foreign key + the search word-stream trigger (target <= 1.2 at 0 ms).
peak RSS = VmHWM of the syncing process (its own process per row); heap = heap still used after the sync and a GC (should be flat in N).
CPU = seconds used during the sync by this process / the sandbox process / all PostgreSQL backends (2 cores: wall time >= sum / 2).
delta s = an incremental sync after changing employees in the sandbox, end to end (target < 2 s for 100 changes in 100k); n/a = the adapter reports no delta support.`;

type Verdict = { target: string; figure: string; met: boolean };

/** Each target the rows can speak to, met or not (issue 17). */
export function verdicts(rows: BenchRow[]): Verdict[] {
  const out: Verdict[] = [];
  for (const row of rows) {
    const { sync, fetchOnly, copy, incremental } = row.result;
    const label = `${row.vendor} ${row.size.toLocaleString("en")} @ ${row.latencyMs} ms`;
    if (row.latencyMs === 0 && copy) out.push({ target: `${label}: sync ÷ COPY <= 1.2`, figure: fixed(sync.seconds / copy.seconds, 2), met: sync.seconds / copy.seconds <= 1.2 });
    if (row.realistic) out.push({ target: `${label}: sync ÷ fetch <= 1.05`, figure: fixed(sync.seconds / fetchOnly.seconds, 3), met: sync.seconds / fetchOnly.seconds <= 1.05 });
    if (row.latencyMs === 50) out.push({ target: `${label}: sync ÷ fetch <= 1.15`, figure: fixed(sync.seconds / fetchOnly.seconds, 3), met: sync.seconds / fetchOnly.seconds <= 1.15 });
    if (incremental && incremental !== "unsupported") {
      out.push({ target: `${label}: incremental pass (${incremental.changes} changes) < 2 s`, figure: `${fixed(incremental.seconds, 2)} s`, met: incremental.seconds < 2 });
    }
  }
  for (const vendor of new Set(rows.map((row) => row.vendor))) {
    const base = rows.find((row) => row.vendor === vendor && row.size === 100_000);
    for (const big of rows.filter((row) => row.vendor === vendor && row.size >= 1_000_000 && row.latencyMs === base?.latencyMs)) {
      if (!base) continue;
      const ratio = big.result.sync.peakRssMiB / base.result.sync.peakRssMiB;
      out.push({ target: `${vendor} peak RSS at ${big.size.toLocaleString("en")} < 1.5 × at 100,000 (${big.latencyMs} ms)`, figure: `${fixed(ratio, 2)} ×`, met: ratio < 1.5 });
      const heap = big.result.sync.retainedHeapMiB - base.result.sync.retainedHeapMiB;
      out.push({ target: `${vendor} retained heap flat from 100,000 to ${big.size.toLocaleString("en")}`, figure: `${heap >= 0 ? "+" : ""}${fixed(heap, 1)} MiB`, met: heap < 10 });
    }
  }
  return out;
}
