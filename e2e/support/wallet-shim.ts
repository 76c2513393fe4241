import { base64url, DeviceRequest } from "@owf/mdoc";
import type { BrowserContext } from "@playwright/test";
import { z } from "zod";
import { digitalCredentialsShimSource, SANDBOX_WALLET_BINDING, type ShimPresentAnswer } from "../../lib/sandbox/wallet/digital-credentials-shim";
import type { WalletHolder, WalletVariant } from "../../lib/sandbox/wallet/sandbox-wallet";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "../../lib/wallet/protocol/wallet-protocols";

/** Which licence the phone presents, and how: set at install, changed between requests with `use`. */
export type SandboxWalletOptions = {
  /** The sandbox wallet server (E2E_WALLET_URL). */
  walletUrl: string;
  /** A seeded employee by login (or work e-mail), or a holder given in full. */
  holder: { login: string } | WalletHolder;
  /** A deliberate bad answer (see WALLET_VARIANTS); VALID by default. */
  variant?: WalletVariant;
  /** Answer this protocol's request only (openid4vp-v1-unsigned or org-iso-mdoc); the first answerable by default. */
  protocol?: string;
  /** The portrait the issuer printed (JPEG). */
  portrait?: Buffer;
  /** The person dismisses the wallet instead of sharing: get() rejects with NotAllowedError, nothing reaches the wallet. */
  decline?: boolean;
};

/** The elements a request asks for, by protocol, then doctype: { "openid4vp-v1-unsigned": { "org.iso.18013.5.1.mDL": ["given_name", …] } }. */
export type ElementsAsked = Record<string, Record<string, string[]>>;

/** One navigator.credentials.get({ digital }) the page made, as the wallet saw it. */
export type RecordedWalletRequest = {
  /** The origin of the frame that asked, from the browser (never from the page). */
  origin: string;
  requests: { protocol: string; data: Record<string, unknown> }[];
  asked: ElementsAsked;
  /** The options in force when it was asked. */
  options: Omit<SandboxWalletOptions, "walletUrl">;
  outcome: { shared: string } | { declined: true } | { error: string };
};

export type SandboxWalletHandle = {
  /** Changes the options for the next requests (e.g. `wallet.use({ variant: "REPLAY" })`). */
  use(changes: Partial<Omit<SandboxWalletOptions, "walletUrl">>): void;
  /** Every request the pages of this context made, oldest first. */
  readonly requests: readonly RecordedWalletRequest[];
  lastRequest(): RecordedWalletRequest | undefined;
};

type BindingSource = Parameters<Parameters<BrowserContext["exposeBinding"]>[1]>[0];

const payloadSchema = z.object({ requests: z.array(z.object({ protocol: z.string(), data: z.record(z.string(), z.unknown()) })).min(1) });
const presentedSchema = z.object({ protocol: z.string(), data: z.record(z.string(), z.unknown()) });
const errorSchema = z.object({ error: z.string() });
const dcqlSchema = z.object({
  dcql_query: z.object({ credentials: z.array(z.object({ meta: z.object({ doctype_value: z.string() }), claims: z.array(z.object({ path: z.array(z.string()) })).default([]) })) }),
});
const annexCSchema = z.object({ deviceRequest: z.string() });

/** What each request asks of each document: the DCQL claims of OpenID4VP, the ItemsRequests of Annex C. */
export function elementsAsked(requests: RecordedWalletRequest["requests"]): ElementsAsked {
  const asked: ElementsAsked = {};
  const add = (protocol: string, doctype: string, elements: string[]) => {
    const byDoctype = (asked[protocol] ??= {});
    byDoctype[doctype] = [...new Set([...(byDoctype[doctype] ?? []), ...elements])];
  };
  for (const request of requests) {
    if (request.protocol === OID4VP_PROTOCOL) {
      const query = dcqlSchema.safeParse(request.data);
      if (!query.success) continue;
      for (const credential of query.data.dcql_query.credentials) add(request.protocol, credential.meta.doctype_value, credential.claims.map((claim) => claim.path.at(-1) ?? ""));
    } else if (request.protocol === ANNEX_C_PROTOCOL) {
      const annexC = annexCSchema.safeParse(request.data);
      if (!annexC.success) continue;
      for (const docRequest of DeviceRequest.decode(base64url.decode(annexC.data.deviceRequest)).docRequests) {
        const { docType, namespaces } = docRequest.itemsRequest;
        add(request.protocol, docType, [...namespaces.values()].flatMap((items) => [...items.keys()]));
      }
    }
  }
  return asked;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "null";
  }
}

/**
 * Gives every page of `context` the Digital Credentials API, answered by the sandbox wallet server: the shim
 * (lib/sandbox/wallet/digital-credentials-shim.ts) as an init script, and a binding that posts each request to
 * `${walletUrl}/present` with the origin of the frame that asked (taken here, from the browser, never from the
 * page) and the holder, variant and portrait in force. A context without it has no DigitalCredential at all
 * (headless Chromium has none): the fallback case.
 */
export async function installSandboxWallet(context: BrowserContext, options: SandboxWalletOptions): Promise<SandboxWalletHandle> {
  const { walletUrl, ...initial } = options;
  let current: Omit<SandboxWalletOptions, "walletUrl"> = { ...initial };
  const requests: RecordedWalletRequest[] = [];

  await context.exposeBinding(SANDBOX_WALLET_BINDING, async (source: BindingSource, payload: unknown): Promise<ShimPresentAnswer> => {
    const settings = { ...current };
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: "The page's request is not a list of { protocol, data }.", name: "NotAllowedError" };
    const record: RecordedWalletRequest = { origin: originOf(source.frame.url()), requests: parsed.data.requests, asked: {}, options: settings, outcome: { declined: true } };
    requests.push(record);
    try {
      record.asked = elementsAsked(parsed.data.requests);
    } catch {
      // A request the wallet cannot read: recorded as asking nothing; the wallet answers why.
    }
    if (settings.decline) return { ok: false, error: "The person did not share an ID.", name: "NotAllowedError" };
    const response = await fetch(`${walletUrl.replace(/\/+$/, "")}/present`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        requests: parsed.data.requests,
        origin: record.origin,
        holder: settings.holder,
        variant: settings.variant,
        protocol: settings.protocol,
        portrait: settings.portrait?.toString("base64"),
      }),
    }).then(
      (answer) => answer,
      (error: unknown) => String(error),
    );
    if (typeof response === "string") {
      record.outcome = { error: `The sandbox wallet at ${walletUrl} is unreachable: ${response}` };
      return { ok: false, error: record.outcome.error, name: "NotAllowedError" };
    }
    const body: unknown = await response.json().catch(() => null);
    const presented = presentedSchema.safeParse(body);
    if (!response.ok || !presented.success) {
      const reason = errorSchema.safeParse(body);
      record.outcome = { error: `The sandbox wallet refused (${response.status}): ${reason.success ? reason.data.error : "no reason given"}` };
      return { ok: false, error: record.outcome.error, name: "NotAllowedError" };
    }
    record.outcome = { shared: presented.data.protocol };
    return { ok: true, protocol: presented.data.protocol, data: presented.data.data };
  });
  await context.addInitScript(digitalCredentialsShimSource({ kind: "binding" }));

  return {
    use(changes) {
      current = { ...current, ...changes };
    },
    requests,
    lastRequest: () => requests.at(-1),
  };
}
