import { serveSandboxApp, type RunningSandbox } from "@/lib/sandbox/shared/serve-app";
import { SandboxWallet } from "@/lib/sandbox/wallet/sandbox-wallet";
import { createWalletSandboxApp } from "@/lib/sandbox/wallet/wallet-sandbox-app";

export const DEFAULT_WALLET_SANDBOX_SEED = "verifyd-sandbox";
export const DEFAULT_WALLET_SANDBOX_USER_COUNT = 250;

export type RunningWalletSandbox = RunningSandbox & {
  wallet: SandboxWallet;
  /** The sandbox IACA root (DER): what registerSandboxTrustAnchor puts on the trust list. */
  iacaDer: Uint8Array;
  iacaPem: string;
};

/**
 * Serves the sandbox state issuer and phone wallet over plain http on 127.0.0.1 (port 0 picks a free one). A new
 * IACA root at every start; the people are the sandbox tenants' (same seed and count, so person i is the same
 * employee in Entra, Okta and the wallet). `appUrl`: the console's URL, allowed to call it from a page (CORS).
 */
export async function startWalletSandbox(options: { seed?: string; userCount?: number; port?: number; appUrl?: string } = {}): Promise<RunningWalletSandbox> {
  const wallet = await SandboxWallet.create();
  const app = createWalletSandboxApp({
    wallet,
    people: { seed: options.seed ?? DEFAULT_WALLET_SANDBOX_SEED, userCount: options.userCount ?? DEFAULT_WALLET_SANDBOX_USER_COUNT },
    appUrl: options.appUrl,
  });
  const running = await serveSandboxApp(app, { port: options.port ?? 0 });
  return { ...running, wallet, iacaDer: wallet.authority.iacaDer, iacaPem: wallet.authority.iacaPem };
}
