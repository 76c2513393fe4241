import { X509Certificate } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWalletSandbox, type RunningWalletSandbox } from "@/lib/sandbox/wallet/start-wallet-sandbox";
import type { WalletVariant } from "@/lib/sandbox/wallet/sandbox-wallet";
import { EU_PID_DOCTYPE, elementsToRequest, MDL_DOCTYPE, WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
import { buildDigitalCredentialRequests, createWalletRequestSecrets, type RequestedElements } from "@/lib/wallet/protocol/build-wallet-requests";
import { openWalletResponse } from "@/lib/wallet/protocol/open-wallet-response";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";
import { verifyDeviceResponse } from "@/lib/wallet/verify/verify-device-response";

const APP_URL = "http://localhost:3000";
const ORIGIN = APP_URL;
let sandbox: RunningWalletSandbox;
let trusted: Uint8Array;

beforeAll(async () => {
  sandbox = await startWalletSandbox({ port: 0, userCount: 300, appUrl: APP_URL });
  const pem = await (await fetch(`${sandbox.url}/iaca.pem`)).text();
  trusted = new Uint8Array(new X509Certificate(pem).raw);
});
afterAll(async () => {
  await sandbox.close();
});

const requested = (claims: Parameters<typeof elementsToRequest>[1], portrait = false, doctypes = WALLET_DOCTYPES): RequestedElements =>
  Object.fromEntries(doctypes.map((doctype) => [doctype.doctype, elementsToRequest(doctype, claims, portrait)]));

function post(body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`${sandbox.url}/present`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/** A body the server refuses before reading it: on a connection of its own, which the refusal ends. */
function postOnItsOwnConnection(body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${sandbox.url}/present`, { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    // The server may answer and close before the whole body is written.
    outgoing.on("error", (error) => (error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error)));
    outgoing.end(body);
  });
}

/** A page's request, answered by the wallet server and verified as verifyd verifies it (against the served root). */
async function presentAndVerify(options: { holder: unknown; variant?: WalletVariant; protocol?: string; portrait?: string; elements?: RequestedElements }) {
  const secrets = await createWalletRequestSecrets();
  const elements = options.elements ?? requested(["firstName", "lastName", "dateOfBirth", "city"]);
  const requests = buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, elements);
  const response = await post({ requests, origin: ORIGIN, holder: options.holder, variant: options.variant, protocol: options.protocol, portrait: options.portrait });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const answer = (await response.json()) as { protocol: string; data: Record<string, unknown> };
  const opened = await openWalletResponse(answer, secrets, ORIGIN);
  return { answer, result: await verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: [trusted], requested: elements }) };
}

describe("the sandbox wallet server", () => {
  it.each([OID4VP_PROTOCOL, ANNEX_C_PROTOCOL])("presents a seeded employee's licence over %s, which verifies against the served IACA root", async (protocol) => {
    const { answer, result } = await presentAndVerify({ holder: { login: "Michael.Washington1@contoso.example" }, protocol });
    expect(answer.protocol).toBe(protocol);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doctype.doctype).toBe(MDL_DOCTYPE.doctype);
    expect(result.elements).toMatchObject({ given_name: "Michael", family_name: "Washington", birth_date: "2001-11-08", document_number: "D1000001" });
    expect(result.trustAnchor.commonName).toBe("verifyd Sandbox DMV IACA");
  });

  it("serves the IACA root it signs with, as PEM", async () => {
    const response = await fetch(`${sandbox.url}/iaca.pem`);
    expect(response.headers.get("content-type")).toBe("application/x-pem-file");
    expect(Buffer.from(trusted).equals(Buffer.from(sandbox.iacaDer))).toBe(true);
  });

  it("presents a holder given in full, with the portrait from the body", async () => {
    const portrait = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]).toString("base64");
    const holder = { givenName: "Ada", familyName: "Lovelace", birthDate: "1985-12-10", city: "Salt Lake City", documentNumber: "D7654321" };
    const { result } = await presentAndVerify({ holder, portrait, elements: requested(["firstName", "lastName"], true) });
    expect(result).toMatchObject({ ok: true, elements: { given_name: "Ada", family_name: "Lovelace" } });
    if (result.ok) expect(Buffer.from(result.portrait ?? []).toString("base64")).toBe(portrait);
  });

  it.each<[WalletVariant, RegExp]>([
    ["UNTRUSTED_ISSUER", /not issued by an authority on the trust list/],
    ["TAMPERED_ELEMENT", /altered after the issuer signed it/],
    ["WRONG_ORIGIN", /does not cover this request from this site/],
  ])("answers wrong on purpose with %s, and verifyd refuses it", async (variant, reason) => {
    const { result } = await presentAndVerify({ holder: { login: "michael.washington1" }, variant });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("replays its previous answer with REPLAY, which the next request's keys cannot open", async () => {
    await presentAndVerify({ holder: { login: "michael.washington1" } });
    await expect(presentAndVerify({ holder: { login: "michael.washington1" }, variant: "REPLAY" })).rejects.toThrow(/another request/);
  });

  it("404s a login no sandbox employee has, and one beyond the tenant's size", async () => {
    const requests = buildDigitalCredentialRequests(await createWalletRequestSecrets(), WALLET_DOCTYPES, requested(["firstName"]));
    for (const login of ["nobody.here", "michael.washington2", "someone.else299999"]) {
      const response = await post({ requests, origin: ORIGIN, holder: { login } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: expect.stringContaining(`"${login}"`) });
    }
  });

  it("422s an employee the issuer cannot print a licence for", async () => {
    const requests = buildDigitalCredentialRequests(await createWalletRequestSecrets(), WALLET_DOCTYPES, requested(["firstName"]));
    const response = await post({ requests, origin: ORIGIN, holder: { login: "daisuke.tanaka10" } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "this employee has no birth date on record; the sandbox issuer cannot issue them a licence" });
  });

  it("400s a request it holds nothing for, and a protocol the page did not offer", async () => {
    const secrets = await createWalletRequestSecrets();
    const pidOnly = buildDigitalCredentialRequests(secrets, [EU_PID_DOCTYPE], requested(["firstName"], false, [EU_PID_DOCTYPE]));
    const none = await post({ requests: pidOnly, origin: ORIGIN, holder: { login: "michael.washington1" } });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ error: expect.stringMatching(/^no request the sandbox wallet can answer/) });
    const mdl = buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested(["firstName"]));
    const other = await post({ requests: mdl, origin: ORIGIN, holder: { login: "michael.washington1" }, protocol: "openid4vp-v1-signed" });
    expect(other.status).toBe(400);
  });

  it("400s bad bodies with the problem named, 415s a body that is not JSON, 413s one over 1 MB", async () => {
    const requests = buildDigitalCredentialRequests(await createWalletRequestSecrets(), WALLET_DOCTYPES, requested(["firstName"]));
    const bad = [
      [{ requests, holder: { login: "michael.washington1" } }, /origin/],
      [{ requests, origin: `${ORIGIN}/verify`, holder: { login: "michael.washington1" } }, /origin/],
      [{ requests: [], origin: ORIGIN, holder: { login: "michael.washington1" } }, /requests/],
      [{ requests, origin: ORIGIN, holder: { login: "michael.washington1" }, variant: "SOMETHING" }, /variant/],
      [{ requests, origin: ORIGIN, holder: { login: "michael.washington1" }, portrait: "not base64!" }, /portrait/],
      ["{not json", /not JSON/],
    ] as const;
    for (const [body, problem] of bad) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(problem);
    }
    expect((await post({ requests }, { "content-type": "text/plain" })).status).toBe(415);
    const huge = await postOnItsOwnConnection(JSON.stringify({ requests, origin: ORIGIN, holder: { login: "michael.washington1" }, portrait: "A".repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toEqual({ error: expect.stringContaining("larger than") });
  });

  it("explains itself on its home page with the shim to paste, serves the shim and answers CORS for the app only", async () => {
    const home = await fetch(`${sandbox.url}/`);
    expect(home.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await home.text();
    expect(html).toContain("<h1>Sandbox wallet</h1>");
    expect(html).toContain("npm run dev");
    expect(html).toContain("userAgentAllowsProtocol");
    expect(html).toContain("michael.washington1");
    const shim = await fetch(`${sandbox.url}/shim.js`, { headers: { origin: APP_URL } });
    expect(shim.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(shim.headers.get("access-control-allow-origin")).toBe(APP_URL);
    expect(await shim.text()).toContain(JSON.stringify(sandbox.url));
    const preflight = (origin: string) => fetch(`${sandbox.url}/present`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect((await preflight(APP_URL)).headers.get("access-control-allow-origin")).toBe(APP_URL);
    expect((await preflight("https://elsewhere.example")).headers.get("access-control-allow-origin")).toBeNull();
    const missing = await fetch(`${sandbox.url}/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^application\/json/);
  });
});
