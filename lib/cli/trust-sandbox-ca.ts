import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadOrCreateLocalTls } from "@/lib/sandbox/shared/local-tls";

/**
 * Makes this process trust the Entra sandbox's local CA. Node reads NODE_EXTRA_CA_CERTS only when it starts,
 * so when it does not name our CA yet, the CLI runs itself again as a child with it set (keeping any CA file the
 * operator configured, by bundling both) and exits with the child's code. Returns only in the process that
 * already trusts the CA.
 */
export async function ensureSandboxCaTrusted(dataDir: string): Promise<void> {
  const tlsDir = path.join(dataDir, "sandbox-tls");
  const tls = await loadOrCreateLocalTls(tlsDir);
  const bundle = path.join(tlsDir, "trusted-ca-bundle.pem");
  const current = process.env.NODE_EXTRA_CA_CERTS;
  if (current === tls.caFile || current === bundle) return;

  let trustFile = tls.caFile;
  if (current) {
    await writeFile(bundle, `${await readFile(current, "utf8")}\n${tls.caCert}`, { mode: 0o644 });
    trustFile = bundle;
  }
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: trustFile },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  process.exit(code);
}
