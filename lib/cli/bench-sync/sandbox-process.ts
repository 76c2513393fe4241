import { spawn } from "node:child_process";
import { z } from "zod";
import type { Vendor } from "@/lib/cli/bench-sync/bench-sync-options";
import { peakRssMiBOf } from "@/lib/cli/bench-sync/process-cpu";

const jwkSchema = z.looseObject({ kty: z.string(), kid: z.string() });

export const sandboxInfoSchema = z.discriminatedUnion("vendor", [
  z.object({
    vendor: z.literal("entra"),
    url: z.url(),
    pid: z.number().int(),
    connection: z.object({ tenantId: z.string(), tenantDomain: z.string(), clientId: z.string(), clientSecret: z.string(), groupId: z.string() }),
  }),
  z.object({
    vendor: z.literal("okta"),
    url: z.url(),
    pid: z.number().int(),
    connection: z.object({ orgUrl: z.url(), clientId: z.string(), groupId: z.string() }),
    key: z.object({ kid: z.string(), privateJwk: jwkSchema, publicJwk: jwkSchema }),
  }),
]);
export type SandboxInfo = z.infer<typeof sandboxInfoSchema>;

/**
 * The child's side: one vendor's sandbox with `users` seeded employees, its connection values on the first line
 * of stdout, then serving until SIGTERM. Its own process, as a vendor's API runs elsewhere: in the syncing
 * process it would compete for the one JavaScript thread and measure our CPU, not our pipelining.
 */
export async function serveSandbox(input: { vendor: Vendor; users: number; dataDir: string }): Promise<never> {
  let info: SandboxInfo;
  let close: () => Promise<void>;
  if (input.vendor === "entra") {
    const { startEntraSandbox } = await import("@/lib/sandbox/entra/start-entra-sandbox");
    const running = await startEntraSandbox({ seed: "bench-sync", userCount: input.users, port: 0, tlsDir: `${input.dataDir}/sandbox-tls` });
    // Every pass (sync, then fetch only) then costs the sandbox the same: none is cheaper for coming later.
    running.sandbox.tenant.warmUp();
    info = { vendor: "entra", url: running.url, pid: process.pid, connection: running.connection };
    close = running.close;
  } else {
    const { startOktaSandbox } = await import("@/lib/sandbox/okta/start-okta-sandbox");
    const { generateServiceKey } = await import("@/lib/sandbox/okta/okta-test-support");
    const running = await startOktaSandbox({ seed: "bench-sync", userCount: input.users, port: 0 });
    const key = await generateServiceKey("bench-sync-key");
    running.sandbox.registerPublicKeys(running.connection.clientId, { keys: [key.publicJwk] });
    running.sandbox.state.warmUp(running.connection.orgUrl);
    info = { vendor: "okta", url: running.url, pid: process.pid, connection: running.connection, key: { kid: key.kid, privateJwk: { ...key.privateJwk, kid: key.kid, kty: key.privateJwk.kty ?? "RSA" }, publicJwk: { ...key.publicJwk, kid: key.kid, kty: key.publicJwk.kty ?? "RSA" } } };
    close = running.close;
  }
  globalThis.gc?.(); // the heap that built is settled before the first scenario, not during it
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.on("SIGTERM", () => void close().then(() => process.exit(0)));
  return new Promise<never>(() => undefined);
}

export type SandboxProcess = SandboxInfo & { setLatency(latencyMs: number): Promise<void>; peakRssMiB(): number; close(): void };

/** The parent's side: starts this script again in the sandbox role and reads its connection values. */
export async function startSandboxProcess(vendor: Vendor, users: number): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, BENCH_ROLE: "sandbox", BENCH_VENDOR: vendor, BENCH_USERS: String(users) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes("\n")) resolve(buffered.slice(0, buffered.indexOf("\n")));
    });
    child.on("exit", (code) => reject(new Error(`the ${vendor} sandbox process exited with ${code}`)));
  });
  const info = sandboxInfoSchema.parse(JSON.parse(firstLine));
  if (info.vendor === "entra") await approveEntraConsent(info);
  return {
    ...info,
    async setLatency(latencyMs) {
      const response = await fetch(`${info.url}/_sandbox/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs }) });
      if (!response.ok) throw new Error(`faults answered ${response.status}`);
    },
    peakRssMiB: () => peakRssMiBOf(info.pid),
    close: () => child.kill("SIGTERM"),
  };
}

/** The tenant admin's consent, as the console's consent flow obtains it. */
async function approveEntraConsent(sandbox: Extract<SandboxInfo, { vendor: "entra" }>): Promise<void> {
  const { connection, url } = sandbox;
  const response = await fetch(`${url}/${connection.tenantId}/adminconsent/decision`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ version: "v2", client_id: connection.clientId, redirect_uri: "http://localhost:3000/api/iam/entra/consent/callback", scope: "https://graph.microsoft.com/.default", state: "bench", decision: "approve" }),
  });
  if (response.status !== 302) throw new Error(`consent answered ${response.status}`);
}

/** Changes one employee's city in the sandbox, as an admin editing the directory would (Entra or Okta shape). */
export async function changeEmployeeCity(sandbox: SandboxInfo, externalId: string, city: string): Promise<void> {
  const body = sandbox.vendor === "entra" ? { city } : { profile: { city } };
  const response = await fetch(`${sandbox.url}/_sandbox/users/${encodeURIComponent(externalId)}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`changing ${externalId} answered ${response.status}`);
}

/** What the product stores for a connection to this sandbox: provider, group, settings and credentials. */
export function connectionOf(sandbox: SandboxInfo): { provider: "ENTRA" | "OKTA"; groupId: string; settings: object; credentials: object } {
  if (sandbox.vendor === "entra") {
    const { connection, url } = sandbox;
    return {
      provider: "ENTRA",
      groupId: connection.groupId,
      settings: { tenant: connection.tenantDomain, tenantId: connection.tenantId, clientId: connection.clientId, credentialType: "client_secret", certificate: null, authorityHost: url, graphBaseUrl: url },
      credentials: { type: "client_secret", clientSecret: connection.clientSecret },
    };
  }
  const { connection, key } = sandbox;
  return {
    provider: "OKTA",
    groupId: connection.groupId,
    settings: { orgUrl: connection.orgUrl, clientId: connection.clientId, keys: [{ kid: key.kid, publicJwk: key.publicJwk, status: "active", createdAt: new Date().toISOString() }] },
    credentials: { privateJwks: { [key.kid]: key.privateJwk } },
  };
}
