/**
 * `npm run bench:sync`: a full directory sync of 10 000 and 100 000 employees from the Entra sandbox (real
 * adapter, Graph 999 per page over https) into a throwaway PostgreSQL, through the embedded job runner, at 0 and
 * 50 ms per request. For each it prints employees/second, the sync's time divided by the time to merely fetch
 * every page (target <= 1.15: writing page N hides behind fetching page N+1) and the peak RSS during the sync
 * (should stay flat in N). A measurement, not a test. BENCH_SIZES / BENCH_LATENCIES override the grid.
 */
import { configureThrowawayInstallation, ensureReactServerCondition } from "@/lib/cli/bench-runtime";
import { spawn } from "node:child_process";
import { z } from "zod";
import { resolveDataDir } from "@/lib/cli/prepare-runtime";
import { ensureSandboxCaTrusted } from "@/lib/cli/trust-sandbox-ca";

await ensureReactServerCondition();
const dataDir = resolveDataDir();
await ensureSandboxCaTrusted(dataDir); // the Entra sandbox is https with a local CA

// The sandbox runs in a process of its own, as a vendor's API runs elsewhere: in this process it would compete
// with the sync for the one JavaScript thread and measure our CPU, not our pipelining.
if (process.env.BENCH_ROLE === "sandbox") {
  const { startEntraSandbox } = await import("@/lib/sandbox/entra/start-entra-sandbox");
  const sandbox = await startEntraSandbox({ seed: "bench-sync", userCount: Number(process.env.BENCH_USERS), port: 0, tlsDir: `${dataDir}/sandbox-tls` });
  // Every pass (sync, then fetch only, per latency) then costs the sandbox the same: none is cheaper for coming later.
  sandbox.sandbox.tenant.warmUp();
  globalThis.gc?.(); // and the heap that built is settled before the first scenario, not during it
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, connection: sandbox.connection })}\n`);
  process.on("SIGTERM", () => void sandbox.close().then(() => process.exit(0)));
  await new Promise(() => undefined);
}

const sizes = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const latencies = (process.env.BENCH_LATENCIES ?? "0,50").split(",").map(Number);

configureThrowawayInstallation({
  JOBS_MODE: "embedded",
});

const { resetServerEnvCache } = await import("@/lib/config/server-env");
const { db, disconnectDb } = await import("@/lib/db/prisma");
const { migrateDatabase } = await import("@/lib/db/migrate-database");
const { createDatabaseOn, startTestPostgres } = await import("@/lib/testing/test-postgres");
const { createIdentityProvider } = await import("@/lib/iam/create-identity-provider");
const { sandboxOrigins } = await import("@/lib/sandbox/run/sandbox-connections");
const { sealSecret } = await import("@/lib/crypto/server-keyring");
const { requestDirectorySync } = await import("@/lib/directory/request-directory-sync");
const { runJobsUntilIdle } = await import("@/lib/jobs/embedded-runner");

const sandboxInfoSchema = z.object({
  url: z.url(),
  connection: z.object({ tenantId: z.string(), tenantDomain: z.string(), clientId: z.string(), clientSecret: z.string(), groupId: z.string() }),
});
type SandboxInfo = z.infer<typeof sandboxInfoSchema>;
type Sandbox = SandboxInfo & { setLatency(latencyMs: number): Promise<void>; close(): void };

async function startSandboxProcess(users: number): Promise<Sandbox> {
  const child = spawn(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], { env: { ...process.env, BENCH_ROLE: "sandbox", BENCH_USERS: String(users) }, stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes("\n")) resolve(buffered.slice(0, buffered.indexOf("\n")));
    });
    child.on("exit", (code) => reject(new Error(`sandbox process exited with ${code}`)));
  });
  const info = sandboxInfoSchema.parse(JSON.parse(firstLine));
  return {
    ...info,
    async setLatency(latencyMs) {
      const response = await fetch(`${info.url}/_sandbox/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs }) });
      if (!response.ok) throw new Error(`faults answered ${response.status}`);
    },
    close: () => child.kill("SIGTERM"),
  };
}

// The orchestrator owns the PostgreSQL server and a migrated template; each scenario copies the template.
const postgres = process.env.BENCH_ROLE === "scenario" ? null : await startTestPostgres();
const templateName = postgres ? new URL(await postgres.createDatabase("bench_template")).pathname.slice(1) : (process.env.BENCH_TEMPLATE ?? "");
if (postgres) {
  const templateUrl = new URL(postgres.adminUrl);
  templateUrl.pathname = `/${templateName}`;
  await migrateDatabase(templateUrl.toString(), { quiet: true });
}

async function switchToNewDatabase(): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = await createDatabaseOn(process.env.BENCH_PG_ADMIN ?? "", "bench_sync", templateName);
  resetServerEnvCache();
}

async function approveConsent(sandbox: Sandbox): Promise<void> {
  const { connection, url } = sandbox;
  const response = await fetch(`${url}/${connection.tenantId}/adminconsent/decision`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ version: "v2", client_id: connection.clientId, redirect_uri: "http://localhost:3000/api/iam/entra/consent/callback", scope: "https://graph.microsoft.com/.default", state: "bench", decision: "approve" }),
  });
  if (response.status !== 302) throw new Error(`consent answered ${response.status}`);
}

function connectionOf(sandbox: SandboxInfo) {
  const { connection, url } = sandbox;
  return {
    groupId: connection.groupId,
    settings: { tenant: connection.tenantDomain, tenantId: connection.tenantId, clientId: connection.clientId, credentialType: "client_secret", certificate: null, authorityHost: url, graphBaseUrl: url },
    credentials: { type: "client_secret", clientSecret: connection.clientSecret },
  };
}

/** The floor: every page fetched one after the other through the same adapter, nothing written. */
async function timeFetchOnly(sandbox: SandboxInfo): Promise<{ seconds: number; people: number; pages: number }> {
  const provider = createIdentityProvider({ provider: "ENTRA", ...connectionOf(sandbox) }, { sandboxOrigins: sandboxOrigins() });
  const started = performance.now();
  let cursor: string | null = null;
  let people = 0;
  let pages = 0;
  do {
    const page = await provider.fetchMembersPage({ mode: "full", cursor });
    people += page.employees.length;
    pages += 1;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { seconds: (performance.now() - started) / 1000, people, pages };
}

/** A full sync as the product runs it: SyncRun + event → embedded runner → steps → SUCCEEDED. */
async function timeSync(sandbox: SandboxInfo): Promise<{ seconds: number; seen: number; peakRssMiB: number }> {
  const { groupId, settings, credentials } = connectionOf(sandbox);
  const connection = await db().iamConnection.create({ data: { provider: "ENTRA", status: "ACTIVE", groupId, settings, activatedAt: new Date() } });
  await db().iamConnection.update({ where: { id: connection.id }, data: { sealedCredentials: sealSecret(JSON.stringify(credentials), `iam-connection:${connection.id}`) } });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const { run } = await requestDirectorySync({ connectionId: connection.id, trigger: "MANUAL" });
  await runJobsUntilIdle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const finished = await db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
  if (finished.status !== "SUCCEEDED") throw new Error(`sync ended ${finished.status}: ${finished.error ?? ""}`);
  return { seconds, seen: finished.seen, peakRssMiB: peakRss / 1048576 };
}

/** One (size, latency) in a fresh process, so that its peak RSS is its own (memory must stay flat in N). */
if (process.env.BENCH_ROLE === "scenario") {
  const sandbox = sandboxInfoSchema.parse(JSON.parse(process.env.BENCH_SANDBOX ?? ""));
  // The sandbox runs in the parent's child process: say so, as `npm run dev` does, or the adapter refuses loopback.
  const { declareSandboxConnections } = await import("@/lib/sandbox/run/sandbox-connections");
  declareSandboxConnections({ entra: { url: sandbox.url, ...sandbox.connection } });
  await switchToNewDatabase();
  // The sync first, so that its peak RSS is measured from a fresh process (RSS never shrinks back).
  const sync = await timeSync(sandbox);
  // What the sync left behind once garbage is collected: flat in N means nothing accumulates per employee.
  globalThis.gc?.();
  const retainedHeapMiB = process.memoryUsage().heapUsed / 1048576;
  const fetchOnly = await timeFetchOnly(sandbox);
  if (sync.seen !== fetchOnly.people) throw new Error(`synced ${sync.seen} of ${fetchOnly.people}`);
  process.stdout.write(`${JSON.stringify({ fetchOnly, sync: { ...sync, retainedHeapMiB } })}\n`);
  await disconnectDb();
  process.exit(0);
}

const scenarioResultSchema = z.object({
  fetchOnly: z.object({ seconds: z.number(), people: z.number(), pages: z.number() }),
  sync: z.object({ seconds: z.number(), seen: z.number(), peakRssMiB: z.number(), retainedHeapMiB: z.number() }),
});

async function runScenario(sandbox: SandboxInfo, adminUrl: string): Promise<z.infer<typeof scenarioResultSchema>> {
  const child = spawn(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, BENCH_ROLE: "scenario", BENCH_SANDBOX: JSON.stringify({ url: sandbox.url, connection: sandbox.connection }), BENCH_PG_ADMIN: adminUrl, BENCH_TEMPLATE: templateName },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`scenario exited with ${code}`);
  return scenarioResultSchema.parse(JSON.parse(output.trim().split("\n").at(-1) ?? ""));
}

process.stdout.write("Directory sync benchmark: Entra sandbox (Graph, 999/page) → embedded runner → PostgreSQL\n");
process.stdout.write(`${"employees".padStart(9)} ${"latency".padStart(8)} ${"pages".padStart(6)} ${"fetch s".padStart(8)} ${"sync s".padStart(8)} ${"emp/s".padStart(8)} ${"ratio".padStart(6)} ${"peak RSS".padStart(9)} ${"heap after".padStart(10)}\n`);
for (const size of sizes) {
  const sandbox = await startSandboxProcess(size);
  await approveConsent(sandbox);
  for (const latencyMs of latencies) {
    await sandbox.setLatency(latencyMs);
    const { fetchOnly, sync } = await runScenario(sandbox, postgres?.adminUrl ?? "");
    const line = [
      String(size).padStart(9),
      `${latencyMs} ms`.padStart(8),
      String(fetchOnly.pages).padStart(6),
      fetchOnly.seconds.toFixed(2).padStart(8),
      sync.seconds.toFixed(2).padStart(8),
      Math.round(sync.seen / sync.seconds).toLocaleString("en").padStart(8),
      (sync.seconds / fetchOnly.seconds).toFixed(2).padStart(6),
      `${sync.peakRssMiB.toFixed(0)} MiB`.padStart(9),
      `${sync.retainedHeapMiB.toFixed(0)} MiB`.padStart(10),
    ];
    process.stdout.write(`${line.join(" ")}\n`);
  }
  sandbox.close();
}
process.stdout.write("ratio = sync time / time to only fetch every page (target <= 1.15).\npeak RSS of the syncing process (app side, its own process per row; V8 lets garbage pile up before collecting); heap after = heap still used after the sync and a GC.\n");
await postgres?.stop();
process.exit(0);
