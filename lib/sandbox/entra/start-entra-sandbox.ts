import { loadOrCreateLocalTls } from "@/lib/sandbox/shared/local-tls";
import { type RunningSandbox, serveSandboxApp } from "@/lib/sandbox/shared/serve-app";
import { createEntraSandbox, type EntraSandbox, type EntraSandboxConnection } from "@/lib/sandbox/entra/create-entra-sandbox";

export type StartEntraSandboxOptions = { seed?: string; userCount?: number; port?: number; tlsDir: string };

export type RunningEntraSandbox = RunningSandbox & { sandbox: EntraSandbox; connection: EntraSandboxConnection; caFile: string };

/**
 * Serves a sandbox Entra tenant over https on `https://localhost:PORT` (port 0 = a free one). Https because the
 * Graph SDK only speaks https; processes trust `caFile` through NODE_EXTRA_CA_CERTS (or a fetch dispatcher).
 */
export async function startEntraSandbox(options: StartEntraSandboxOptions): Promise<RunningEntraSandbox> {
  const tls = await loadOrCreateLocalTls(options.tlsDir);
  const sandbox = createEntraSandbox({ seed: options.seed ?? "verifyd-sandbox", userCount: options.userCount ?? 250 });
  const running = await serveSandboxApp(sandbox.app, { port: options.port ?? 0, tls });
  sandbox.setPublicUrl(running.url);
  return {
    ...running,
    sandbox,
    caFile: tls.caFile,
    // A getter, so that the connection reflects later changes (e.g. a reset) like `sandbox.connection` does.
    get connection() {
      return sandbox.connection;
    },
  };
}
