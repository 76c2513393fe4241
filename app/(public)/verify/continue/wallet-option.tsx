"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { WALLET_PROTOCOLS } from "@/lib/wallet/protocol/wallet-protocols";

type WalletOptionProps = {
  /** What the wallet will be asked to share, in words. */
  sharing: string[];
  attemptsLeft: number;
};

type DigitalCredentialLike = { protocol?: unknown; data?: unknown };
type DigitalRequestOptions = { mediation: "required"; digital: { requests: { protocol: string; data: unknown }[] }; signal?: AbortSignal };

/** The browser hands wallet IDs to pages only through the W3C Digital Credentials API: without it, no wallet option. */
function browserSupportsWalletIds(): boolean {
  if (typeof window === "undefined" || !("DigitalCredential" in window) || typeof navigator.credentials?.get !== "function") return false;
  // Where the browser says which protocols it would pass on, one of ours must be among them.
  const allows: unknown = Reflect.get(Reflect.get(window, "DigitalCredential") ?? {}, "userAgentAllowsProtocol");
  if (typeof allows !== "function") return true;
  return WALLET_PROTOCOLS.some((protocol) => Boolean(allows.call(Reflect.get(window, "DigitalCredential"), protocol)));
}

const noSubscription = () => () => undefined;

async function postJson(url: string, body?: unknown): Promise<{ ok: boolean; error?: string; [key: string]: unknown }> {
  const response = await fetch(url, { method: "POST", headers: body ? { "content-type": "application/json" } : undefined, body: body ? JSON.stringify(body) : undefined });
  return (await response.json()) as { ok: boolean; error?: string };
}

/**
 * "Use the ID in your phone's wallet", offered before the photo whenever the browser supports the Digital
 * Credentials API (Chrome and Edge 141+, Safari 26). The server makes the request (nonce, one-time keys, only the
 * elements the policy needs); the browser asks the wallet, on this phone or, from a computer, by QR code on the
 * employee's phone; the encrypted answer goes to the server, which verifies it. Nothing is read here.
 */
export function WalletOption({ sharing, attemptsLeft }: WalletOptionProps) {
  const router = useRouter();
  // False on the server and in the first render, then what this browser has: no hydration mismatch, no effect.
  const supported = useSyncExternalStore(noSubscription, browserSupportsWalletIds, () => false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!supported || attemptsLeft <= 0) return null;

  async function presentFromWallet() {
    setBusy(true);
    setError(null);
    try {
      const issued = await postJson("/api/verify/wallet/request");
      if (!issued.ok) {
        setError(issued.error ?? "The wallet request could not be started.");
        return;
      }
      const options: DigitalRequestOptions = { mediation: "required", digital: { requests: issued.requests as DigitalRequestOptions["digital"]["requests"] } };
      let credential: DigitalCredentialLike | null;
      try {
        credential = (await navigator.credentials.get(options as CredentialRequestOptions)) as DigitalCredentialLike | null;
      } catch (cause) {
        const name = cause instanceof DOMException ? cause.name : "";
        setError(name === "NotAllowedError" || name === "AbortError" ? "The wallet request was cancelled. Try again, or photograph your document below." : "Your wallet could not share an ID. Try again, or photograph your document below.");
        return;
      }
      if (!credential || typeof credential.protocol !== "string") {
        setError("Your wallet did not share an ID. Try again, or photograph your document below.");
        return;
      }
      const result = await postJson("/api/verify/wallet/response", { presentationId: issued.presentationId, credential: { protocol: credential.protocol, data: credential.data } });
      if (!result.ok) setError(result.error ?? "That ID could not be verified.");
      router.refresh();
    } catch {
      setError("The connection was lost. Check it and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4">
      <h2 className="text-base font-semibold text-slate-900">Use the ID in your phone&apos;s wallet</h2>
      <p className="text-sm text-slate-700">
        A mobile driving licence or ID in Apple Wallet, Google Wallet, Samsung Wallet or your state&apos;s app is signed by the authority that issued it: the quickest and
        strongest way to prove who you are. Your wallet asks before it shares only: <strong>{sharing.join(", ")}</strong>.
      </p>
      <p className="text-xs text-slate-600">On a computer, your browser shows a QR code: scan it with your phone and approve in the wallet.</p>
      {error ? <Alert tone="error" title="Not verified">{error}</Alert> : null}
      <Button className="w-full py-3 text-base" disabled={busy} onClick={() => void presentFromWallet()}>
        {busy ? "Waiting for your wallet…" : "Use the ID in your phone's wallet"}
      </Button>
      <p className="text-center text-xs text-slate-500">
        {attemptsLeft} wallet {attemptsLeft === 1 ? "attempt" : "attempts"} left. No ID in your wallet? Photograph your document instead.
      </p>
    </div>
  );
}
