/**
 * `npm run bench:sync`: full directory syncs from the Entra sandbox (Graph, 999 per page, https) and the Okta
 * sandbox (the adapter's page size, DPoP) into a throwaway PostgreSQL, through the real adapters and the embedded
 * job runner, for each group size and per-page latency asked for. Per row: the time to merely fetch every page
 * (the floor at high latency), one bare COPY of the same rows into a table like the employee table (the write
 * limit at 0 ms), the sync's peak RSS and retained heap (flat in N), CPU per process, and an incremental pass
 * after changing some employees in the sandbox. Ends with each target of issue 17, met or not. A measurement,
 * not a test. Options by flag or BENCH_* variable (see bench-sync-options.ts or `--help`).
 */
import { configureThrowawayInstallation, ensureReactServerCondition } from "@/lib/cli/bench-runtime";
import { BENCH_SYNC_USAGE, latencyFor, parseBenchSyncOptions, type Vendor } from "@/lib/cli/bench-sync/bench-sync-options";
import { type BenchRow, TABLE_LEGEND, tableHeader, tableLine, verdicts } from "@/lib/cli/bench-sync/print-table";
import { resolveDataDir } from "@/lib/cli/prepare-runtime";
import { ensureSandboxCaTrusted } from "@/lib/cli/trust-sandbox-ca";

if (process.argv.includes("--help")) {
  process.stdout.write(`${BENCH_SYNC_USAGE}\n`);
  process.exit(0);
}
// Validated before anything starts, in the first process only (the children inherit argv).
const options = parseBenchSyncOptions(process.argv.slice(2), process.env);
await ensureReactServerCondition();
const dataDir = resolveDataDir();
await ensureSandboxCaTrusted(dataDir); // the Entra sandbox is https with a local CA

if (process.env.BENCH_ROLE === "sandbox") {
  const { serveSandbox } = await import("@/lib/cli/bench-sync/sandbox-process");
  const vendor: Vendor = process.env.BENCH_VENDOR === "okta" ? "okta" : "entra";
  await serveSandbox({ vendor, users: Number(process.env.BENCH_USERS), dataDir });
}

configureThrowawayInstallation({ JOBS_MODE: "embedded" });

if (process.env.BENCH_ROLE === "scenario") {
  const { serveScenario } = await import("@/lib/cli/bench-sync/run-scenario");
  await serveScenario();
}

const { migrateDatabase } = await import("@/lib/db/migrate-database");
const { startTestPostgres } = await import("@/lib/testing/test-postgres");
const { startSandboxProcess } = await import("@/lib/cli/bench-sync/sandbox-process");
const { runScenario } = await import("@/lib/cli/bench-sync/run-scenario");

// This process owns the PostgreSQL server and a migrated template; each scenario copies the template.
const benchStarted = performance.now();
const postgres = await startTestPostgres();
const template = new URL(await postgres.createDatabase("bench_template")).pathname.slice(1);
const templateUrl = new URL(postgres.adminUrl);
templateUrl.pathname = `/${template}`;
await migrateDatabase(templateUrl.toString(), { quiet: true });

process.stdout.write(`Directory sync benchmark: sandbox → real adapter → embedded runner → PostgreSQL (${JSON.stringify(options)})\n${tableHeader()}\n`);
const rows: BenchRow[] = [];
try {
  for (const vendor of options.vendors) {
    for (const size of options.sizes) {
      const sandbox = await startSandboxProcess(vendor, size);
      try {
        for (const latency of options.latencies) {
          const latencyMs = latencyFor(vendor, latency);
          await sandbox.setLatency(latencyMs);
          const result = await runScenario({ sandbox, copy: options.copy && latencyMs === 0, changes: options.changes, adminUrl: postgres.adminUrl, template });
          const row: BenchRow = { vendor, size, latencyMs, realistic: latency === "real", result, sandboxPeakRssMiB: sandbox.peakRssMiB() };
          rows.push(row);
          process.stdout.write(`${tableLine(row)}\n`);
        }
        process.stdout.write(`  (${vendor} sandbox at ${size.toLocaleString("en")}: peak RSS ${sandbox.peakRssMiB().toFixed(0)} MiB)\n`);
      } finally {
        sandbox.close();
      }
    }
  }
} finally {
  await postgres.stop();
}
process.stdout.write(`${TABLE_LEGEND}\n\nTargets:\n`);
for (const verdict of verdicts(rows)) process.stdout.write(`  ${verdict.met ? "met    " : "NOT met"}  ${verdict.target}: ${verdict.figure}\n`);
process.stdout.write(`\nbench:sync took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.\n`);
process.exit(0);
