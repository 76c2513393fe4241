/**
 * `npm run bench:reset`: end-to-end latency of the credential reset workflow on both sandbox tenants, in process.
 * For Okta (password, MFA) and Entra (password, MFA with a Temporary Access Pass), 30 resets each at 0 and at
 * 50 ms of sandbox latency per API request: a synced employee and a VERIFIED verification are prepared (not
 * timed), then the clock runs from startCredentialReset until the reset row is SUCCEEDED (its completedAt), the
 * job executed by the embedded runner as in production. Prints p50/p95/mean per row and how many sequential
 * provider round trips the 50 ms rows imply. A measurement, not a test. BENCH_RESETS / BENCH_LATENCIES override.
 */
import { configureThrowawayInstallation, ensureReactServerCondition } from "@/lib/cli/bench-runtime";

await ensureReactServerCondition();

const RESETS = Number(process.env.BENCH_RESETS ?? 30);
const LATENCIES = (process.env.BENCH_LATENCIES ?? "0,50").split(",").map(Number);
/** Untimed resets before each (latency, action) row: token caches, prepared statements, JIT. */
const WARM_UP = 1;
const SEED = "bench-reset";
/** Enough ordinary people for every reset (each person is reset once, so MFA always has methods to remove). */
const USER_COUNT = 600;

configureThrowawayInstallation({
  JOBS_MODE: "embedded",
});

const { resetServerEnvCache } = await import("@/lib/config/server-env");
const { db, disconnectDb } = await import("@/lib/db/prisma");
const { migrateDatabase } = await import("@/lib/db/migrate-database");
const { startTestPostgres } = await import("@/lib/testing/test-postgres");
const { createEntraSandboxConnection, createOktaSandboxConnection } = await import("@/lib/directory/testing/sandbox-connections");
const { startOktaTestTenant } = await import("@/lib/iam/okta/testing/okta-provider-test-setup");
const { startEntraTestTenant } = await import("@/lib/iam/entra/testing/entra-provider-test-setup");
const { createSandboxEmployee, createVerifiedRequest } = await import("@/lib/credential-reset/testing/reset-fixtures");
const { startCredentialReset } = await import("@/lib/credential-reset/start-credential-reset");
const { parseResetSteps } = await import("@/lib/credential-reset/reset-progress");
const { runJobsUntilIdle } = await import("@/lib/jobs/embedded-runner");
const { generatePerson } = await import("@/lib/sandbox/shared/generate-person");

type Action = "PASSWORD_RESET" | "MFA_RESET";
type Vendor = "Okta" | "Entra";
/** A started sandbox tenant, seen the same way whichever vendor it is. */
type Tenant = { vendor: Vendor; url: string; connectionId: string; userId(index: number): string; tokensIssued(): number; close(): Promise<void> };
type Row = { vendor: Vendor; action: Action; latencyMs: number; ms: number[]; failures: string[]; steps: string; secrets: Set<string>; stepMs: Map<string, number[]>; tokens: number };

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

async function setLatency(tenant: Tenant, latencyMs: number): Promise<void> {
  const response = await fetch(`${tenant.url}/_sandbox/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs }) });
  if (!response.ok) throw new Error(`${tenant.vendor} faults answered ${response.status}`);
}

/** A fresh migrated database (a copy of the template) for one vendor: the table allows one connection row. */
async function switchDatabase(url: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetServerEnvCache();
}

async function startTenant(vendor: Vendor): Promise<Tenant> {
  const seed = `${SEED}-${vendor.toLowerCase()}`;
  if (vendor === "Okta") {
    const tenant = await startOktaTestTenant({ userCount: USER_COUNT, seed });
    return {
      vendor, url: tenant.url, connectionId: await createOktaSandboxConnection(tenant),
      userId: (index) => tenant.sandbox.state.userId(index),
      tokensIssued: () => tenant.sandbox.state.eventsSince(0).filter((event) => event.type === "oauth2.token.issued").length,
      close: () => tenant.close(),
    };
  }
  const tenant = await startEntraTestTenant({ userCount: USER_COUNT, seed });
  return {
    vendor, url: tenant.url, connectionId: await createEntraSandboxConnection(tenant),
    userId: (index) => tenant.sandbox.tenant.userId(index),
    tokensIssued: () => tenant.sandbox.tenant.events.filter((event) => event.type === "token.issued").length,
    close: () => tenant.stop(),
  };
}

/** One reset, timed from startCredentialReset to the row's SUCCEEDED (completedAt). */
async function timeReset(tenant: Tenant, personIndex: number, action: Action): Promise<{ ms: number; status: string; steps: string; secret: string; reason: string | null; stepMs: Array<[string, number]> }> {
  const employee = await createSandboxEmployee(tenant.connectionId, { id: tenant.userId(personIndex), login: `user${personIndex}@${SEED}.example` });
  const verification = await createVerifiedRequest(employee.id);
  const startedAt = Date.now();
  const started = await startCredentialReset({ requestId: verification.id, action }, { type: "EMPLOYEE" });
  await runJobsUntilIdle();
  const row = await db().credentialReset.findUniqueOrThrow({ where: { id: started.id } });
  // The job's memoised steps are stored as each one ends: the gap to the previous one is that step's time.
  const run = await db().jobRun.findFirst({ where: { eventData: { path: ["resetId"], equals: started.id } }, include: { steps: { orderBy: { createdAt: "asc" } } } });
  let previous = startedAt;
  const stepMs = (run?.steps ?? []).map(({ stepId, createdAt }): [string, number] => {
    const took = createdAt.getTime() - previous;
    previous = createdAt.getTime();
    return [stepId, took];
  });
  return {
    stepMs,
    ms: (row.completedAt?.getTime() ?? Number.NaN) - startedAt,
    status: row.status,
    steps: parseResetSteps(row.steps).map((step) => step.step).join(" → "),
    secret: row.secretKind ?? "none",
    reason: row.failureReason,
  };
}

const postgres = await startTestPostgres();
const rows: Row[] = [];
const runStarted = performance.now();
try {
  const template = await postgres.createDatabase("bench_reset_template");
  await migrateDatabase(template, { quiet: true });
  const templateName = new URL(template).pathname.slice(1);
  process.stdout.write(`PostgreSQL started and migrated in ${((performance.now() - runStarted) / 1000).toFixed(1)} s.\n`);

  for (const vendor of ["Okta", "Entra"] as const) {
    await switchDatabase(await postgres.createDatabase(`bench_reset_${vendor.toLowerCase()}`, templateName));
    const tenantStarted = performance.now();
    const tenant = await startTenant(vendor);
    process.stdout.write(`${vendor} sandbox (${USER_COUNT} users) started in process in ${((performance.now() - tenantStarted) / 1000).toFixed(1)} s.\n`);
    // Ordinary active accounts with at least one MFA method, each used once.
    const people = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(`${SEED}-${vendor.toLowerCase()}`, index))
      .filter((person) => person.privilege === "none" && person.lifecycle === "active" && person.mfa.length > 0 && !person.viaNestedGroup)
      .map((person) => person.index);
    const needed = LATENCIES.length * 2 * (RESETS + WARM_UP);
    if (people.length < needed) throw new Error(`${vendor}: only ${people.length} ordinary people for ${needed} resets; raise USER_COUNT`);
    try {
      for (const latencyMs of LATENCIES) {
        await setLatency(tenant, latencyMs);
        for (const action of ["PASSWORD_RESET", "MFA_RESET"] as const) {
          const row: Row = { vendor, action, latencyMs, ms: [], failures: [], steps: "", secrets: new Set(), stepMs: new Map(), tokens: 0 };
          for (let run = 0; run < WARM_UP + RESETS; run += 1) {
            const tokensBefore = tenant.tokensIssued();
            const result = await timeReset(tenant, people.shift() ?? -1, action);
            if (run < WARM_UP) continue;
            row.tokens += tenant.tokensIssued() - tokensBefore;
            if (result.status !== "SUCCEEDED") {
              row.failures.push(`${result.status}: ${result.reason ?? ""}`);
              continue;
            }
            row.ms.push(result.ms);
            row.steps = result.steps;
            row.secrets.add(result.secret);
            for (const [stepId, took] of result.stepMs) row.stepMs.set(stepId, [...(row.stepMs.get(stepId) ?? []), took]);
          }
          rows.push(row);
        }
      }
      await setLatency(tenant, 0);
    } finally {
      await tenant.close();
    }
  }
} finally {
  await disconnectDb();
  await postgres.stop();
}

const header = ["vendor", "action", "latency", "ok", "p50 ms", "p95 ms", "mean ms", "tokens/reset", "secret"];
const table = rows.map((row) => {
  const sorted = [...row.ms].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  const action = row.action === "PASSWORD_RESET" ? "password" : row.vendor === "Entra" ? "MFA + TAP" : "MFA";
  return [row.vendor, action, `${row.latencyMs} ms`, `${sorted.length}/${RESETS}`, percentile(sorted, 0.5).toFixed(0), percentile(sorted, 0.95).toFixed(0), mean.toFixed(0), (row.tokens / RESETS).toFixed(1), [...row.secrets].join(",")];
});
const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column]!.length)));
const format = (cells: string[]) => cells.map((cell, column) => (column < 3 || column === 8 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
process.stdout.write(`\nCredential reset, startCredentialReset → SUCCEEDED (embedded runner, in-process sandboxes), ${RESETS} resets per row after ${WARM_UP} warm-up\n`);
process.stdout.write(`${[format(header), ...table.map(format)].join("\n")}\n`);

// Latency added per request, divided into the p50's growth: how many provider calls the workflow makes one after the other.
const [low, high] = [Math.min(...LATENCIES), Math.max(...LATENCIES)];
if (high > low) {
  process.stdout.write(`\nSequential provider round trips implied by (p50 at ${high} ms - p50 at ${low} ms) / ${high - low} ms, and the steps:\n`);
  for (const row of rows.filter((candidate) => candidate.latencyMs === high)) {
    const base = rows.find((candidate) => candidate.vendor === row.vendor && candidate.action === row.action && candidate.latencyMs === low);
    if (!base) continue;
    const p50 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
    const trips = (p50(row.ms) - p50(base.ms)) / (high - low);
    process.stdout.write(`  ${row.vendor.padEnd(5)} ${(row.action === "PASSWORD_RESET" ? "password" : "MFA").padEnd(8)} ≈ ${trips.toFixed(1).padStart(4)}   ${row.steps}\n`);
  }
}
process.stdout.write("\nWhere the time goes, p50 per job step in ms (from the end of the previous step; \"begin\" includes startCredentialReset's transaction, the queueing and the runner's claim):\n");
for (const row of rows) {
  const parts = [...row.stepMs].map(([stepId, values]) => `${stepId} ${percentile([...values].sort((a, b) => a - b), 0.5).toFixed(0)}`);
  process.stdout.write(`  ${row.vendor.padEnd(5)} ${(row.action === "PASSWORD_RESET" ? "password" : "MFA").padEnd(8)} ${`${row.latencyMs} ms`.padEnd(6)} ${parts.join(" | ")}\n`);
}
for (const row of rows.filter((candidate) => candidate.failures.length > 0)) {
  process.stdout.write(`Not SUCCEEDED (${row.vendor} ${row.action} at ${row.latencyMs} ms): ${row.failures.slice(0, 3).join("; ")}${row.failures.length > 3 ? ` (+${row.failures.length - 3} more)` : ""}\n`);
}
process.stdout.write("\nNote: the sandboxes add the latency to API requests only, not to their token endpoints (Okta /oauth2/v1/token, Entra\n/{tenant}/oauth2/v2.0/token). Steps reuse the connection's adapter and its token for 5 minutes (providerForConnection),\nso tokens/reset counts the token requests a reset still makes: against a real vendor, each is one more round trip.\n");
process.stdout.write(`Whole run ${(performance.now() / 1000).toFixed(1)} s.\n`);
process.exit(0);
