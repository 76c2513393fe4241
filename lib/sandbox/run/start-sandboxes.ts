import path from "node:path";
import type { SandboxConnections } from "@/lib/sandbox/run/sandbox-connections";
import { type SandboxSettings } from "@/lib/sandbox/run/sandbox-settings";
import { startEntraSandbox } from "@/lib/sandbox/entra/start-entra-sandbox";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";
import { startWalletSandbox } from "@/lib/sandbox/wallet/start-wallet-sandbox";
import { isPortFree } from "@/lib/server/find-free-port";

export type RunningSandboxes = {
  entra: Awaited<ReturnType<typeof startEntraSandbox>>;
  okta: Awaited<ReturnType<typeof startOktaSandbox>>;
  /** The sandbox state issuer and phone wallet (wallet IDs); its IACA root goes on the trust list at every start. */
  wallet: Awaited<ReturnType<typeof startWalletSandbox>>;
  close(): Promise<void>;
};

/** A preferred port when it is free, otherwise any free port (a second checkout running at once). */
async function portFor(preferred: number): Promise<number> {
  return preferred === 0 || (await isPortFree(preferred)) ? preferred : 0;
}

/**
 * Starts the Entra (https) and Okta (http) sandbox tenants side by side, and the sandbox wallet (http) that issues
 * their employees mobile driving licences. Their state lives in memory and is seeded: every start gives the same
 * employees. `appUrl`: the console's URL, which the wallet lets call it from a page.
 */
export async function startSandboxes(settings: SandboxSettings, dataDir: string, options: { appUrl?: string } = {}): Promise<RunningSandboxes> {
  const entra = await startEntraSandbox({
    seed: settings.SANDBOX_SEED,
    userCount: settings.SANDBOX_USERS,
    port: await portFor(settings.SANDBOX_ENTRA_PORT),
    tlsDir: path.join(dataDir, "sandbox-tls"),
  });
  const okta = await startOktaSandbox({
    seed: settings.SANDBOX_SEED,
    userCount: settings.SANDBOX_USERS,
    port: await portFor(settings.SANDBOX_OKTA_PORT),
  }).catch(async (error: unknown) => {
    await entra.close();
    throw error;
  });
  const wallet = await startWalletSandbox({
    seed: settings.SANDBOX_SEED,
    userCount: settings.SANDBOX_USERS,
    port: await portFor(settings.SANDBOX_WALLET_PORT),
    appUrl: options.appUrl,
  }).catch(async (error: unknown) => {
    await Promise.all([entra.close(), okta.close()]);
    throw error;
  });
  return {
    entra,
    okta,
    wallet,
    close: async () => {
      await Promise.all([entra.close(), okta.close(), wallet.close()]);
    },
  };
}

/** The lines `npm run dev` and `npm run sandbox` print: URLs and what an admin pastes into the console. */
export function describeSandboxes(sandboxes: RunningSandboxes): string[] {
  const { entra, okta, wallet } = sandboxes;
  return [
    "  Sandbox tenants (seeded, in memory; try every flow before touching a real tenant):",
    `    Microsoft Entra ID  ${entra.url}`,
    `      tenant:         ${entra.connection.tenantId} (${entra.connection.tenantDomain})`,
    `      client id:      ${entra.connection.clientId}`,
    `      client secret:  ${entra.connection.clientSecret}`,
    `      group id:       ${entra.connection.groupId}`,
    `    Okta                ${okta.url}`,
    `      org URL:        ${okta.connection.orgUrl}`,
    `      client id:      ${okta.connection.clientId}`,
    `      group id:       ${okta.connection.groupId}`,
    `      recovery page:  ${okta.url}/signin/forgot-password (verifyd is its ID verification vendor)`,
    `    Sandbox wallet      ${wallet.url}  (a state issuer and a phone wallet for wallet IDs; its root is on the trust list)`,
  ];
}

/** The values the settings page offers to fill in (see sandbox-connections.ts). */
export function sandboxConnectionsOf(sandboxes: RunningSandboxes): SandboxConnections {
  const { entra, okta } = sandboxes;
  return {
    entra: { url: entra.url, tenantId: entra.connection.tenantId, tenantDomain: entra.connection.tenantDomain, clientId: entra.connection.clientId, clientSecret: entra.connection.clientSecret, groupId: entra.connection.groupId },
    okta: { url: okta.url, orgUrl: okta.connection.orgUrl, clientId: okta.connection.clientId, groupId: okta.connection.groupId },
  };
}

/**
 * Registers the console's own consent callback with the Entra sandbox app (as an admin adds a redirect URI to
 * the app registration), so admin consent works whatever port the console runs on.
 */
export async function registerConsoleRedirectUri(sandboxes: RunningSandboxes, redirectUri: string): Promise<void> {
  const { url, connection } = sandboxes.entra;
  const defaults = ["http://localhost:3000/api/iam/entra/consent/callback", "http://127.0.0.1:3000/api/iam/entra/consent/callback"];
  const response = await fetch(`${url}/_sandbox/apps/${connection.clientId}/redirect-uris`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ redirectUris: [...new Set([...defaults, redirectUri])] }),
  });
  if (!response.ok) throw new Error(`The Entra sandbox refused the redirect URI (${response.status})`);
}
