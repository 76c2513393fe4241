import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { WALLET_VARIANTS } from "@/lib/sandbox/wallet/sandbox-wallet";
import { WALLET_WINDOW_MESSAGES } from "@/lib/sandbox/wallet/digital-credentials-shim";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The sandbox wallet's pages run only their own script file; nothing inline, nothing foreign. */
export const WALLET_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#0f172a}
code,pre,textarea{font:13px/1.4 ui-monospace,monospace}pre{background:#f1f5f9;padding:.75rem;overflow:auto;max-height:16rem}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #e2e8f0}
label{display:block;margin-top:.75rem;font-weight:600}input,select{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}
button{font:inherit;margin:1rem .5rem 0 0;padding:.4rem 1rem}[role=alert]{color:#b91c1c}.muted{color:#475569}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** GET /: what the sandbox wallet is, and how to try a wallet ID from a desktop browser on `npm run dev`. */
export function walletIndexPage(options: { walletUrl: string; appUrl: string | null; shimSource: string; samples: SandboxPerson[] }): string {
  const app = options.appUrl ? `<a href="${escapeHtml(options.appUrl)}">${escapeHtml(options.appUrl)}</a>` : "verifyd";
  const rows = options.samples
    .map((person) => `<tr><td>${escapeHtml(person.displayName)}</td><td><code>${escapeHtml(person.loginLocalPart)}</code></td><td>${escapeHtml(person.birthday ?? "")}</td><td>${escapeHtml(person.countryCode ?? "")}</td></tr>`)
    .join("");
  return page(
    "Sandbox wallet",
    `<h1>Sandbox wallet</h1>
<p>A state issuer and a phone wallet in one, for trying wallet IDs on <code>npm run dev</code> without a phone. The issuer
(&ldquo;verifyd Sandbox DMV&rdquo;) gives every seeded sandbox employee a mobile driving licence (ISO/IEC 18013-5 mDL) with
the names, birth date and address the sandbox directories hold, signed by its own IACA root. verifyd puts that root on its
trust list at every start (and only while the sandbox runs). The wallet answers a page's W3C Digital Credentials API request
over OpenID4VP or ISO/IEC 18013-7 Annex C, disclosing only the elements asked for, bound to the page's origin and encrypted
to the page's one-time key, as a phone would.</p>
<h2>Try it from a desktop browser</h2>
<ol>
<li>Open verifyd's verification page (${app}) up to the step that offers a digital ID.</li>
<li>Open the browser's DevTools console (F12), paste the script below and press Enter (Chrome first asks you to type
<code>allow pasting</code>). It gives the page the Digital Credentials API, which a desktop browser without a wallet lacks;
a reload removes it, so paste it again after one. If the page decided before the paste that this browser has no wallet,
go back one step and forward again (without reloading).</li>
<li>Choose the digital ID. The wallet opens in a small window (allow pop-ups for the verifyd site): type the employee's
login or e-mail, and share. The wallet learns which site asks from the browser, not from the page.</li>
</ol>
<pre id="shim">${escapeHtml(options.shimSource)}</pre>
<p class="muted">The same script is served at <a href="/shim.js">/shim.js</a>. The page cannot fetch it itself:
verifyd's Content-Security-Policy only lets it connect to its own origin.</p>
<h2>Employees to try</h2>
<table><thead><tr><th>Name</th><th>Login</th><th>Birth date</th><th>Country</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Anyone in the sandbox tenants with a birth date on record can be issued a licence.</p>
<h2>Endpoints</h2>
<ul><li><a href="/iaca.pem">GET /iaca.pem</a>: the issuer's IACA root certificate.</li>
<li><code>POST /present</code> {requests, origin, holder: {login}, variant?, protocol?, portrait?}: the wallet's answer (used by the Playwright tests).</li></ul>`,
  );
}

/** GET /wallet: the wallet's consent window the shim opens (its script is /wallet.js). */
export function walletWindowPage(): string {
  const options = WALLET_VARIANTS.map((variant) => `<option value="${variant}">${variant === "VALID" ? "VALID (a genuine answer)" : variant}</option>`).join("");
  return page(
    "Sandbox wallet",
    `<h1>Sandbox wallet</h1>
<p id="status" class="muted">Waiting for the page's request&hellip;</p>
<form id="share" hidden>
<p><strong id="origin"></strong> asks for your mobile driving licence:</p>
<ul id="elements"></ul>
<label for="login">Employee login or e-mail</label><input id="login" name="login" autocomplete="off" required>
<label for="variant">Answer</label><select id="variant" name="variant">${options}</select>
<button type="submit">Share</button><button type="button" id="decline">Don't share</button>
<p id="error" role="alert"></p>
</form>
<script src="/wallet.js"></script>`,
  );
}

/** GET /wallet.js: receives the request from the page that opened the window, asks the wallet, hands the answer back. */
export function walletWindowScript(): string {
  return `(() => {
  "use strict";
  const MESSAGES = ${JSON.stringify(WALLET_WINDOW_MESSAGES)};
  const $ = (id) => document.getElementById(id);
  let pending = null;
  if (!window.opener) {
    $("status").textContent = "This is the window the wallet script opens on verifyd's page; see this server's home page.";
    return;
  }
  const elementsOf = (requests) => {
    const names = [];
    for (const request of requests) {
      const credentials = request && request.data && request.data.dcql_query && request.data.dcql_query.credentials;
      if (!Array.isArray(credentials)) continue;
      for (const credential of credentials) for (const claim of credential.claims || []) if (Array.isArray(claim.path)) names.push(String(claim.path[claim.path.length - 1]));
    }
    return [...new Set(names)];
  };
  window.addEventListener("message", (event) => {
    if (event.source !== window.opener) return;
    const message = event.data || {};
    if (message.type !== MESSAGES.request || typeof message.id !== "string" || !Array.isArray(message.requests)) return;
    // The browser names the asking site; a page cannot claim another one.
    pending = { id: message.id, requests: message.requests, origin: event.origin };
    $("status").hidden = true;
    $("share").hidden = false;
    $("origin").textContent = event.origin;
    const list = $("elements");
    list.replaceChildren(...elementsOf(message.requests).map((name) => Object.assign(document.createElement("li"), { textContent: name })));
    $("login").value = localStorage.getItem("sandbox-wallet-login") || "";
    $("login").focus();
  });
  $("share").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!pending) return;
    const login = $("login").value.trim();
    $("error").textContent = "";
    try {
      const response = await fetch("/present", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ requests: pending.requests, origin: pending.origin, holder: { login }, variant: $("variant").value }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || "The wallet could not answer (" + response.status + ").");
      localStorage.setItem("sandbox-wallet-login", login);
      window.opener.postMessage({ type: MESSAGES.response, id: pending.id, credential: { protocol: body.protocol, data: body.data } }, pending.origin);
      $("share").hidden = true;
      $("status").hidden = false;
      $("status").textContent = "Shared with " + pending.origin + ".";
    } catch (error) {
      $("error").textContent = error.message;
    }
  });
  $("decline").addEventListener("click", () => {
    if (pending) window.opener.postMessage({ type: MESSAGES.declined, id: pending.id }, pending.origin);
    window.close();
  });
  window.opener.postMessage({ type: MESSAGES.ready }, "*");
})();
`;
}
