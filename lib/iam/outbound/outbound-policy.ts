import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { classifyAddress } from "@/lib/iam/outbound/classify-address";
import { OutboundBlockedError } from "@/lib/iam/outbound/outbound-errors";

/** Long enough for a 999-member Graph page on a slow link; short enough that a hung peer never holds a job step. */
export const DEFAULT_OUTBOUND_TIMEOUT_MS = 30_000;

export type ResolvedAddress = { address: string; family: number };
/** DNS for outbound calls; replaceable so tests can make a name resolve anywhere without touching /etc/hosts. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

/** What the adapters may pass down (tests only; production uses the defaults). */
export type OutboundOptions = { resolve?: Resolve; timeoutMs?: number };

/** Outbound settings an adapter is built with: the sandbox origins this process runs, plus the test hooks. */
export type ProviderOutbound = OutboundOptions & { sandboxOrigins: readonly string[] };

/**
 * Where one connection may send requests. `allowedOrigins` are exact origins (scheme, host, port) the vendor
 * check approved; `allowLoopback` is set only for the built-in sandbox tenants, which listen on this machine.
 */
export type OutboundPolicy = { allowedOrigins: readonly string[]; allowLoopback: boolean; timeoutMs: number; resolve: Resolve };

export function createOutboundPolicy(input: { allowedOrigins: readonly string[]; allowLoopback: boolean } & OutboundOptions): OutboundPolicy {
  return {
    allowedOrigins: input.allowedOrigins,
    allowLoopback: input.allowLoopback,
    timeoutMs: input.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS,
    resolve: input.resolve ?? ((hostname) => dnsLookup(hostname, { all: true })),
  };
}

/**
 * Refuses a request URL outside the policy's origins before any socket is opened. Node skips the `lookup` hook for
 * IP literals, so a literal host is classified here too.
 */
export function assertOutboundUrl(url: string | URL, policy: OutboundPolicy): URL {
  const parsed = new URL(url);
  if (!policy.allowedOrigins.includes(parsed.origin)) throw new OutboundBlockedError(`Refused to call ${parsed.origin}: not one of this connection's endpoints.`);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const verdict = classifyAddress(host, { allowLoopback: policy.allowLoopback });
    if (!verdict.allowed) throw new OutboundBlockedError(`Refused to call ${parsed.origin}: ${verdict.reason}.`);
  }
  return parsed;
}

/**
 * The `lookup` hook of the connection's sockets: resolves the name and refuses it when any address is not public.
 * The check runs on the addresses the socket then connects to, in the same step, so a name that resolves to a
 * public address for a separate check and to 169.254.169.254 a moment later (DNS rebinding) gains nothing.
 */
export function createGuardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    policy.resolve(hostname).then(
      (resolved) => {
        const wanted = options.family === 4 || options.family === 6 ? resolved.filter((entry) => entry.family === options.family) : resolved;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }), "", 0);
          return;
        }
        for (const entry of wanted) {
          const verdict = classifyAddress(entry.address, { allowLoopback: policy.allowLoopback });
          if (!verdict.allowed) {
            callback(new OutboundBlockedError(`Refused to connect to ${hostname}: it resolves to ${verdict.reason}.`), "", 0);
            return;
          }
        }
        const first = wanted[0]!;
        if (options.all) callback(null, wanted.map((entry) => ({ address: entry.address, family: entry.family })));
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), "", 0),
    );
  };
}
