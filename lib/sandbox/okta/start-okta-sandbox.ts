import { serveSandboxApp, type RunningSandbox } from "@/lib/sandbox/shared/serve-app";
import { createOktaSandbox, type OktaSandbox, type OktaSandboxConnection } from "@/lib/sandbox/okta/create-okta-sandbox";

export const DEFAULT_OKTA_SANDBOX_SEED = "verifyd-sandbox";
export const DEFAULT_OKTA_SANDBOX_USER_COUNT = 250;

/**
 * Serves an Okta sandbox org over plain http on 127.0.0.1 (the Okta SDK accepts any org URL) and binds its
 * org URL to the address it got; port 0 picks a free port.
 */
export async function startOktaSandbox(
  options: { seed?: string; userCount?: number; port?: number } = {},
): Promise<RunningSandbox & { sandbox: OktaSandbox; connection: OktaSandboxConnection }> {
  const sandbox = createOktaSandbox({
    seed: options.seed ?? DEFAULT_OKTA_SANDBOX_SEED,
    userCount: options.userCount ?? DEFAULT_OKTA_SANDBOX_USER_COUNT,
  });
  const running = await serveSandboxApp(sandbox.app, { port: options.port ?? 0 });
  sandbox.bindOrgUrl(running.url);
  return { ...running, sandbox, connection: sandbox.connection };
}
