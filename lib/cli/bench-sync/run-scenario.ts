import { spawn } from "node:child_process";
import { z } from "zod";
import { cpuSecondsOfTree, ownCpuSeconds, parentPid, peakRssMiBOf } from "@/lib/cli/bench-sync/process-cpu";
import { changeEmployeeCity, connectionOf, type SandboxInfo, sandboxInfoSchema } from "@/lib/cli/bench-sync/sandbox-process";
import { timeCopyBaseline } from "@/lib/cli/bench-sync/time-copy-baseline";

const cpuSchema = z.object({ app: z.number(), sandbox: z.number(), postgres: z.number() });
export const scenarioResultSchema = z.object({
  fetchOnly: z.object({ seconds: z.number(), people: z.number(), pages: z.number() }),
  sync: z.object({ seconds: z.number(), seen: z.number(), pages: z.number(), peakRssMiB: z.number(), retainedHeapMiB: z.number(), cpu: cpuSchema }),
  copy: z.object({ seconds: z.number(), rows: z.number() }).nullable(),
  /** null when not asked for; `unsupported` when the adapter reports no delta support (Okta until System Log sync). */
  incremental: z.union([z.object({ seconds: z.number(), changes: z.number(), updated: z.number(), pages: z.number() }), z.literal("unsupported")]).nullable(),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

const scenarioInputSchema = z.object({ sandbox: sandboxInfoSchema, copy: z.boolean(), changes: z.number().int(), adminUrl: z.string(), template: z.string() });
type ScenarioInput = z.infer<typeof scenarioInputSchema>;

/** One (vendor, size, latency) in a fresh process, so that its peak RSS is its own (memory must stay flat in N). */
export async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const child = spawn(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, BENCH_ROLE: "scenario", BENCH_SCENARIO: JSON.stringify(input) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`scenario exited with ${code}`);
  return scenarioResultSchema.parse(JSON.parse(output.trim().split("\n").at(-1) ?? ""));
}

/** The scenario's side: sync, then (same process, after the figures that need a fresh one) fetch only, COPY, delta. */
export async function serveScenario(): Promise<never> {
  const input = scenarioInputSchema.parse(JSON.parse(process.env.BENCH_SCENARIO ?? ""));
  const { sandbox } = input;
  const { resetServerEnvCache } = await import("@/lib/config/server-env");
  const { db, disconnectDb } = await import("@/lib/db/prisma");
  const { createDatabaseOn } = await import("@/lib/testing/test-postgres");
  const { declareSandboxConnections } = await import("@/lib/sandbox/run/sandbox-connections");
  // The sandbox runs in the parent's child process: say so, as `npm run dev` does, or the adapter refuses loopback.
  declareSandboxConnections(sandbox.vendor === "entra" ? { entra: { url: sandbox.url, ...sandbox.connection } } : { okta: { url: sandbox.url, ...sandbox.connection } });
  process.env.DATABASE_URL = await createDatabaseOn(input.adminUrl, "bench_sync", input.template);
  resetServerEnvCache();

  const connectionId = await createConnectionRow(sandbox);
  // Loaded before any timing: module loading is start-up, not sync.
  await Promise.all([import("@/lib/directory/request-directory-sync"), import("@/lib/jobs/embedded-runner"), import("@/lib/iam/create-identity-provider")]);
  const [{ pid: backendPid } = { pid: 0 }] = await db().$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmaster = parentPid(backendPid) ?? 0;
  const cpuBefore = { app: ownCpuSeconds(), sandbox: cpuSecondsOfTree(sandbox.pid), postgres: cpuSecondsOfTree(postmaster) };
  // The sync first, so that its peak RSS is measured from a fresh process (RSS never shrinks back).
  const sync = await timeSync(connectionId, "FULL");
  const peakRssMiB = peakRssMiBOf(process.pid);
  const cpu = { app: ownCpuSeconds() - cpuBefore.app, sandbox: cpuSecondsOfTree(sandbox.pid) - cpuBefore.sandbox, postgres: cpuSecondsOfTree(postmaster) - cpuBefore.postgres };
  // What the sync left behind once garbage is collected: flat in N means nothing accumulates per employee.
  globalThis.gc?.();
  const retainedHeapMiB = process.memoryUsage().heapUsed / 1048576;
  const fetchOnly = await timeFetchOnly(sandbox);
  if (sync.seen !== fetchOnly.people) throw new Error(`synced ${sync.seen} of ${fetchOnly.people}`);
  const copy = input.copy ? await timeCopyBaseline(process.env.DATABASE_URL) : null;
  const incremental = input.changes > 0 ? await timeIncremental(sandbox, connectionId, input.changes) : null;
  const result: ScenarioResult = { fetchOnly, sync: { ...sync, peakRssMiB, retainedHeapMiB, cpu }, copy, incremental };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await disconnectDb();
  process.exit(0);
}

async function createConnectionRow(sandbox: SandboxInfo): Promise<string> {
  const { db } = await import("@/lib/db/prisma");
  const { sealSecret } = await import("@/lib/crypto/server-keyring");
  const { provider, groupId, settings, credentials } = connectionOf(sandbox);
  const connection = await db().iamConnection.create({ data: { provider, status: "ACTIVE", groupId, settings, activatedAt: new Date() } });
  await db().iamConnection.update({ where: { id: connection.id }, data: { sealedCredentials: sealSecret(JSON.stringify(credentials), `iam-connection:${connection.id}`) } });
  return connection.id;
}

/** The vendor's adapter, built as the product builds it for a stored connection to the sandbox. */
async function adapterFor(sandbox: SandboxInfo) {
  const { createIdentityProvider } = await import("@/lib/iam/create-identity-provider");
  const { sandboxOrigins } = await import("@/lib/sandbox/run/sandbox-connections");
  return createIdentityProvider(connectionOf(sandbox), { sandboxOrigins: sandboxOrigins() });
}

/** A sync as the product runs it: SyncRun + event → embedded runner → steps → SUCCEEDED, timed end to end. */
async function timeSync(connectionId: string, mode: "FULL" | "DELTA"): Promise<{ seconds: number; seen: number; updated: number; pages: number }> {
  const { db } = await import("@/lib/db/prisma");
  const { requestDirectorySync } = await import("@/lib/directory/request-directory-sync");
  const { runJobsUntilIdle } = await import("@/lib/jobs/embedded-runner");
  const started = performance.now();
  const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
  if (run.mode !== mode) throw new Error(`expected a ${mode} run, got ${run.mode}`);
  await runJobsUntilIdle();
  const seconds = (performance.now() - started) / 1000;
  const finished = await db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
  if (finished.status !== "SUCCEEDED") throw new Error(`sync ended ${finished.status}: ${finished.error ?? ""}`);
  return { seconds, seen: finished.seen, updated: finished.updated, pages: finished.pages };
}

/** The floor: every page fetched one after the other through the same adapter, nothing written. */
async function timeFetchOnly(sandbox: SandboxInfo): Promise<{ seconds: number; people: number; pages: number }> {
  const provider = await adapterFor(sandbox);
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

/**
 * `changes` employees edited in the sandbox (spread over the directory), then the next sync, which is incremental
 * (a delta link is stored and the full pass is recent), timed end to end as the full one. Skipped, and said so,
 * while the vendor's adapter reports no delta support: the hook for Okta's System Log sync.
 */
async function timeIncremental(sandbox: SandboxInfo, connectionId: string, changes: number): Promise<ScenarioResult["incremental"]> {
  const { db } = await import("@/lib/db/prisma");
  if (!(await adapterFor(sandbox)).capabilities.delta) return "unsupported";
  const total = await db().employee.count({ where: { connectionId } });
  const stride = Math.max(1, Math.floor(total / changes));
  const picked = await db().$queryRaw<{ externalId: string }[]>`
    SELECT "externalId" FROM (SELECT "externalId", row_number() OVER (ORDER BY "externalId") AS n FROM "employee" WHERE "connectionId" = ${connectionId}::uuid) AS numbered
    WHERE (n - 1) % ${stride} = 0 LIMIT ${changes}`;
  // A new value each time: the sandbox outlives the scenario, and the next one's full pass already has the last.
  const stamp = Date.now().toString(36);
  for (const [index, { externalId }] of picked.entries()) await changeEmployeeCity(sandbox, externalId, `Bench City ${stamp}-${index}`);
  const run = await timeSync(connectionId, "DELTA");
  if (run.updated !== picked.length) throw new Error(`the incremental pass updated ${run.updated} of ${picked.length} changed employees`);
  return { seconds: run.seconds, changes: picked.length, updated: run.updated, pages: run.pages };
}
