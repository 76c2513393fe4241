import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";

/** The page function a Playwright test exposes (context.exposeBinding) to carry the page's request to the sandbox wallet. */
export const SANDBOX_WALLET_BINDING = "__sandboxWalletPresent";

/**
 * How the shim reaches the wallet:
 * - `binding`: a function the test runner exposed on the page (Playwright's exposeBinding), which takes the page's
 *   origin from the frame it was called from, not from the page, and answers { ok, protocol, data } or { ok: false, error };
 * - `popup`: the sandbox wallet's own window (as a phone wallet's consent sheet), opened from the page and talked
 *   to with postMessage, so the wallet learns the page's origin from the browser (MessageEvent.origin). verifyd's
 *   Content-Security-Policy (connect-src 'self') forbids the page to fetch another origin, so this is how a
 *   desktop browser on `npm run dev` reaches the wallet.
 */
export type DigitalCredentialsShimTransport = { kind: "binding"; name?: string } | { kind: "popup"; walletUrl: string };

/** What the shim hands the binding: the page's `digital.requests`, and the origin the page believes it has (informational). */
export type ShimPresentPayload = { requests: unknown; origin: string };
/** What the binding answers: the DigitalCredential's protocol and data, or why the wallet did not share (a DOMException name). */
export type ShimPresentAnswer = { ok: true; protocol: string; data: Record<string, unknown> } | { ok: false; error: string; name?: "NotAllowedError" | "AbortError" | "NotSupportedError" };

/** Messages between the shim and the wallet window (popup transport). */
export const WALLET_WINDOW_MESSAGES = { ready: "sandbox-wallet:ready", request: "sandbox-wallet:request", response: "sandbox-wallet:response", declined: "sandbox-wallet:declined" } as const;

const SHIM_BODY = String.raw`
  const PROTOCOLS = [config.protocols[0], config.protocols[1]];
  const MESSAGES = config.messages;
  const container = navigator.credentials;
  const previous = container && container.get;
  // Pasted twice, or installed over itself: keep the browser's own get, not the previous shim's.
  const originalGet = previous && "__sandboxWalletOriginal" in previous ? previous.__sandboxWalletOriginal : previous ? previous.bind(container) : null;

  class DigitalCredential {
    constructor(protocol, data) {
      Object.defineProperties(this, {
        id: { value: "", enumerable: true },
        type: { value: "digital", enumerable: true },
        protocol: { value: protocol, enumerable: true },
        data: { value: data, enumerable: true },
      });
    }
    toJSON() {
      return { id: this.id, type: this.type, protocol: this.protocol, data: this.data };
    }
    static userAgentAllowsProtocol(protocol) {
      return PROTOCOLS.includes(protocol);
    }
  }
  // As the real interface: a DigitalCredential is a Credential (own properties shadow Credential's getters).
  if (typeof Credential === "function") Object.setPrototypeOf(DigitalCredential.prototype, Credential.prototype);
  Object.defineProperty(DigitalCredential, "__sandboxWallet", { value: true });

  const refusal = (message, name) => new DOMException(message, name || "NotAllowedError");
  const abortReason = (signal) => (signal.reason !== undefined ? signal.reason : refusal("The request was aborted.", "AbortError"));

  function viaBinding(payload, signal) {
    const present = window[config.binding];
    if (typeof present !== "function") return Promise.reject(refusal("The sandbox wallet is not connected to this page."));
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      if (signal) signal.addEventListener("abort", onAbort, { once: true });
      present(payload).then(
        (answer) => {
          if (signal) signal.removeEventListener("abort", onAbort);
          if (answer && answer.ok === true) resolve(answer);
          else reject(refusal((answer && answer.error) || "The wallet did not answer.", answer && answer.name));
        },
        (error) => reject(refusal(String((error && error.message) || error))),
      );
    });
  }

  function viaPopup(payload, signal) {
    const walletOrigin = new URL(config.walletUrl).origin;
    const id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    const popup = window.open(config.walletUrl + "/wallet", "verifyd-sandbox-wallet", "popup,width=480,height=720");
    if (!popup) return Promise.reject(refusal("The sandbox wallet's window was blocked: allow pop-ups for this site, then try again."));
    return new Promise((resolve, reject) => {
      let done = false;
      let closedSince = 0;
      const finish = (error, answer) => {
        if (done) return;
        done = true;
        window.removeEventListener("message", onMessage);
        clearInterval(watch);
        if (signal) signal.removeEventListener("abort", onAbort);
        if (!popup.closed) popup.close();
        if (error) reject(error);
        else resolve(answer);
      };
      const onMessage = (event) => {
        if (event.origin !== walletOrigin || event.source !== popup) return;
        const message = event.data || {};
        if (message.type === MESSAGES.ready) popup.postMessage({ type: MESSAGES.request, id, requests: payload.requests }, walletOrigin);
        else if (message.id !== id) return;
        else if (message.type === MESSAGES.response && message.credential) finish(null, message.credential);
        else if (message.type === MESSAGES.declined) finish(refusal("You did not share an ID from the sandbox wallet."));
      };
      // Closed without an answer: the person dismissed the wallet (a moment's grace for a message in flight).
      const watch = setInterval(() => {
        if (!popup.closed) return;
        if (!closedSince) closedSince = Date.now();
        else if (Date.now() - closedSince > 800) finish(refusal("The sandbox wallet was closed without sharing an ID."));
      }, 200);
      const onAbort = () => finish(abortReason(signal));
      window.addEventListener("message", onMessage);
      if (signal) signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  const transport = config.kind === "binding" ? viaBinding : viaPopup;

  async function get(options) {
    if (!options || !options.digital) {
      if (originalGet) return originalGet(options);
      throw refusal("This browser has no credential store.", "NotSupportedError");
    }
    const signal = options.signal;
    if (signal && signal.aborted) throw abortReason(signal);
    const requests = options.digital.requests;
    if (!Array.isArray(requests) || requests.length === 0) throw new TypeError("digital.requests must be a non-empty array.");
    // What a browser hands a wallet: the requests as JSON, nothing of the page's objects.
    const plain = JSON.parse(JSON.stringify(requests));
    const answer = await transport({ requests: plain, origin: location.origin }, signal);
    return new DigitalCredential(answer.protocol, answer.data);
  }
  Object.defineProperty(get, "__sandboxWalletOriginal", { value: originalGet });

  Object.defineProperty(window, "DigitalCredential", { value: DigitalCredential, configurable: true, writable: true });
  if (container) Object.defineProperty(container, "get", { value: get, configurable: true, writable: true });
  else Object.defineProperty(navigator, "credentials", { value: { get }, configurable: true });
`;

/**
 * The source of a script (plain browser JavaScript, no imports) that gives a page the W3C Digital Credentials API
 * backed by the sandbox wallet: `window.DigitalCredential` (userAgentAllowsProtocol true for OpenID4VP unsigned
 * and Annex C) and `navigator.credentials.get({ digital: { requests } })` answered by the wallet through
 * `transport`, resolving with a DigitalCredential { type: "digital", protocol, data }. Any other get goes to the
 * browser's own. For Playwright's addInitScript, or pasting into the DevTools console.
 */
export function digitalCredentialsShimSource(transport: DigitalCredentialsShimTransport): string {
  const config = {
    kind: transport.kind,
    binding: transport.kind === "binding" ? (transport.name ?? SANDBOX_WALLET_BINDING) : null,
    walletUrl: transport.kind === "popup" ? transport.walletUrl.replace(/\/+$/, "") : null,
    protocols: [OID4VP_PROTOCOL, ANNEX_C_PROTOCOL],
    messages: WALLET_WINDOW_MESSAGES,
  };
  // JSON is valid JavaScript, but "</script>" and U+2028/9 in it must not end a script element or a line.
  const literal = JSON.stringify(config).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `(() => {\n  "use strict";\n  const config = ${literal};${SHIM_BODY}})();\n`;
}
