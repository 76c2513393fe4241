import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSandboxWallet } from "@/e2e/support/wallet-shim";
import { buildContentSecurityPolicy } from "@/lib/server/content-security-policy";
import { CHROMIUM_LAUNCH_ARGS, resolveChromium } from "@/lib/testing/resolve-chromium";
import { digitalCredentialsShimSource } from "@/lib/sandbox/wallet/digital-credentials-shim";
import { startWalletSandbox, type RunningWalletSandbox } from "@/lib/sandbox/wallet/start-wallet-sandbox";
import { elementsToRequest, MDL_DOCTYPE, WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
import { buildDigitalCredentialRequests, createWalletRequestSecrets, type RequestedElements, type WalletRequestSecrets } from "@/lib/wallet/protocol/build-wallet-requests";
import { openWalletResponse } from "@/lib/wallet/protocol/open-wallet-response";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";
import { verifyDeviceResponse } from "@/lib/wallet/verify/verify-device-response";

let sandbox: RunningWalletSandbox;
let app: Server;
let appUrl: string;
let browser: Browser;

// verifyd's own page policy (production): the shim must work under it, as it will on the real page.
beforeAll(async () => {
  app = createServer((_request, response) => {
    response.setHeader("content-security-policy", buildContentSecurityPolicy(randomBytes(16).toString("base64"), false));
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end("<!doctype html><title>verify</title><h1>Verify your identity</h1>");
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  sandbox = await startWalletSandbox({ port: 0, userCount: 300, appUrl });
  const { executablePath, env } = await resolveChromium();
  browser = await chromium.launch({ executablePath, args: [...CHROMIUM_LAUNCH_ARGS], env: { ...process.env, ...env } });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => app?.close(resolve));
});

const requested: RequestedElements = Object.fromEntries(WALLET_DOCTYPES.map((doctype) => [doctype.doctype, elementsToRequest(doctype, ["firstName", "lastName", "dateOfBirth"], false)]));

type PageOutcome = { ok: true; isDigitalCredential: boolean; isCredential: boolean; type: string; protocol: string; data: Record<string, unknown> } | { ok: false; name: string; message: string };

/** What a verification page does: asks for the wallet's answer to these requests. */
function askFromPage(page: Page, requests: unknown): Promise<PageOutcome> {
  return page.evaluate(async (digitalRequests) => {
    // lib.dom has DigitalCredential but not yet the `digital` member of the request options.
    const options: CredentialRequestOptions & { digital: { requests: unknown } } = { digital: { requests: digitalRequests } };
    try {
      const credential = await navigator.credentials.get(options);
      if (!(credential instanceof DigitalCredential)) return { ok: false as const, name: "TypeError", message: `not a DigitalCredential: ${String(credential)}` };
      return { ok: true as const, isDigitalCredential: true, isCredential: credential instanceof Credential, type: credential.type, protocol: credential.protocol, data: credential.data as Record<string, unknown> };
    } catch (error) {
      return error instanceof Error ? { ok: false as const, name: error.name, message: error.message } : { ok: false as const, name: "unknown", message: String(error) };
    }
  }, requests);
}

async function verify(outcome: PageOutcome, secrets: WalletRequestSecrets, origin = appUrl) {
  if (!outcome.ok) throw new Error(`the page got ${outcome.name}: ${outcome.message}`);
  const opened = await openWalletResponse({ protocol: outcome.protocol, data: outcome.data }, secrets, origin);
  return verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: [sandbox.iacaDer], requested });
}

describe("the Digital Credentials shim over a Playwright binding", () => {
  it("answers the page's request with a DigitalCredential that verifies for the page's origin; records what was asked; follows use()", async () => {
    const context = await browser.newContext();
    const wallet = await installSandboxWallet(context, { walletUrl: sandbox.url, holder: { login: "michael.washington1" } });
    const page = await context.newPage();
    await page.goto(`${appUrl}/verify`);
    const allows = await page.evaluate(() => ["openid4vp-v1-unsigned", "org-iso-mdoc", "openid4vp-v1-signed"].map((protocol) => DigitalCredential.userAgentAllowsProtocol(protocol)));
    expect(allows).toEqual([true, true, false]);

    const secrets = await createWalletRequestSecrets();
    const outcome = await askFromPage(page, buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested));
    if (!outcome.ok) throw new Error(`${outcome.name}: ${outcome.message}`);
    expect(outcome).toMatchObject({ ok: true, isDigitalCredential: true, isCredential: true, type: "digital", protocol: OID4VP_PROTOCOL });
    expect(await verify(outcome, secrets)).toMatchObject({ ok: true, elements: { given_name: "Michael", family_name: "Washington", birth_date: "2001-11-08" } });
    expect(wallet.requests).toHaveLength(1);
    expect(wallet.lastRequest()).toMatchObject({ origin: appUrl, outcome: { shared: OID4VP_PROTOCOL } });
    expect(wallet.lastRequest()?.asked[OID4VP_PROTOCOL]?.[MDL_DOCTYPE.doctype]).toEqual(expect.arrayContaining(["given_name", "family_name", "birth_date", "document_number"]));
    expect(wallet.lastRequest()?.asked[ANNEX_C_PROTOCOL]?.[MDL_DOCTYPE.doctype]).toEqual(expect.arrayContaining(["given_name", "family_name", "birth_date"]));

    wallet.use({ variant: "WRONG_ORIGIN", protocol: ANNEX_C_PROTOCOL });
    const wrongSecrets = await createWalletRequestSecrets();
    const wrong = await askFromPage(page, buildDigitalCredentialRequests(wrongSecrets, WALLET_DOCTYPES, requested));
    expect(wrong).toMatchObject({ ok: true, protocol: ANNEX_C_PROTOCOL });
    // Annex C binds the origin into the encryption: an answer made for another site does not even open.
    await expect(verify(wrong, wrongSecrets)).rejects.toThrow(/this site/);

    wallet.use({ variant: undefined, protocol: undefined, holder: { login: "nobody.here" } });
    expect(await askFromPage(page, buildDigitalCredentialRequests(await createWalletRequestSecrets(), WALLET_DOCTYPES, requested))).toMatchObject({ ok: false, name: "NotAllowedError", message: expect.stringMatching(/404.*nobody\.here/) });
    wallet.use({ decline: true });
    expect(await askFromPage(page, buildDigitalCredentialRequests(await createWalletRequestSecrets(), WALLET_DOCTYPES, requested))).toMatchObject({ ok: false, name: "NotAllowedError" });
    expect(wallet.requests.map((request) => request.outcome)).toEqual([{ shared: OID4VP_PROTOCOL }, { shared: ANNEX_C_PROTOCOL }, { error: expect.stringContaining("404") }, { declined: true }]);

    // A get without `digital` is the browser's own (here: no password or federated credential to return).
    const plain = await page.evaluate(() => navigator.credentials.get({ mediation: "silent" }).then((credential) => String(credential), (error: Error) => error.name));
    expect(plain).not.toMatch(/digital/);
    expect(wallet.requests).toHaveLength(4);
    await context.close();
  });

  it("gives a context without it no DigitalCredential (the fallback case)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl}/verify`);
    const has = await page.evaluate(() => "DigitalCredential" in window && Object.hasOwn(DigitalCredential, "__sandboxWallet"));
    expect(has).toBe(false);
    await context.close();
  });
});

describe("the Digital Credentials shim pasted into the console (npm run dev)", () => {
  it("opens the wallet's window, which takes the origin from the browser and hands the chosen employee's licence back", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl}/verify`);
    // As a paste into DevTools: evaluated in the page, whatever its script policy.
    await page.evaluate((source) => (0, eval)(source), await (await fetch(`${sandbox.url}/shim.js`)).text());
    const secrets = await createWalletRequestSecrets();
    const [popup, outcome] = await Promise.all([
      context.waitForEvent("page").then(async (walletWindow) => {
        await walletWindow.getByLabel("Employee login or e-mail").fill("michael.washington1@contoso.example");
        await expect.poll(() => walletWindow.locator("#origin").textContent()).toBe(appUrl);
        await walletWindow.getByRole("button", { name: "Share", exact: true }).click();
        return walletWindow;
      }),
      askFromPage(page, buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested)),
    ]);
    expect(outcome).toMatchObject({ ok: true, isDigitalCredential: true, type: "digital", protocol: OID4VP_PROTOCOL });
    expect(await verify(outcome, secrets)).toMatchObject({ ok: true, elements: { given_name: "Michael" } });
    await expect.poll(() => popup.isClosed()).toBe(true);

    const [, declined] = await Promise.all([
      context.waitForEvent("page").then((walletWindow) => walletWindow.getByRole("button", { name: "Don't share" }).click()),
      askFromPage(page, buildDigitalCredentialRequests(await createWalletRequestSecrets(), WALLET_DOCTYPES, requested)),
    ]);
    expect(declined).toMatchObject({ ok: false, name: "NotAllowedError" });
    await context.close();
  });

  it("is a plain script: the served shim and the binding one parse as browser JavaScript", () => {
    for (const source of [digitalCredentialsShimSource({ kind: "binding" }), digitalCredentialsShimSource({ kind: "popup", walletUrl: "http://127.0.0.1:4013/" })]) {
      expect(() => new Function(source)).not.toThrow();
      expect(source).not.toMatch(/\bimport\b|\brequire\(/);
    }
  });
});
