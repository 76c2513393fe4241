import { beforeAll, describe, expect, it } from "vitest";
import { parseWalletRequests, presentDocument } from "@/lib/sandbox/wallet/answer-wallet-request";
import { createDeviceKey, createSandboxAuthority, issueMobileDocument } from "@/lib/sandbox/wallet/sandbox-issuer";
import { SandboxWallet, type WalletVariant } from "@/lib/sandbox/wallet/sandbox-wallet";
import { elementsToRequest, EU_PID_DOCTYPE, MDL_DOCTYPE, WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
import { buildDigitalCredentialRequests, createWalletRequestSecrets, type RequestedElements } from "@/lib/wallet/protocol/build-wallet-requests";
import { openWalletResponse, WalletResponseError } from "@/lib/wallet/protocol/open-wallet-response";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";
import { verifyDeviceResponse } from "@/lib/wallet/verify/verify-device-response";

const ORIGIN = "https://verifyd.example.com";
const holder = { givenName: "Ada", familyName: "Lovelace", birthDate: "1985-12-10", street: "12 Analytical Way", city: "Salt Lake City", state: "UT", postalCode: "84101", documentNumber: "D7654321" };
let wallet: SandboxWallet;

beforeAll(async () => {
  wallet = await SandboxWallet.create();
});

const requested: RequestedElements = Object.fromEntries(WALLET_DOCTYPES.map((doctype) => [doctype.doctype, elementsToRequest(doctype, ["firstName", "lastName", "dateOfBirth", "city"], false)]));

async function present(options: { variant?: WalletVariant; protocol?: string; trusted?: Uint8Array[]; origin?: string } = {}) {
  const secrets = await createWalletRequestSecrets();
  const requests = buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested);
  const answer = await wallet.answer({ requests, origin: ORIGIN, holder, variant: options.variant, protocol: options.protocol });
  const opened = await openWalletResponse(answer, secrets, options.origin ?? ORIGIN);
  return verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: options.trusted ?? [wallet.authority.iacaDer], requested });
}

describe("a wallet ID presented over the Digital Credentials API", () => {
  it.each([OID4VP_PROTOCOL, ANNEX_C_PROTOCOL])("verifies a genuine mDL over %s: only the asked elements, the issuer and the trust anchor named", async (protocol) => {
    const result = await present({ protocol });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doctype.doctype).toBe(MDL_DOCTYPE.doctype);
    expect(result.elements).toMatchObject({ given_name: "Ada", family_name: "Lovelace", resident_city: "Salt Lake City", document_number: "D7654321" });
    // Held by the wallet but not asked for: never disclosed (the wallet limits disclosure) and never used.
    expect(result.elements).not.toHaveProperty("age_over_18");
    expect(result.elements).not.toHaveProperty("resident_address");
    expect(result.issuer.commonName).toBe("verifyd Sandbox DMV Document Signer");
    expect(result.trustAnchor.commonName).toBe("verifyd Sandbox DMV IACA");
    expect(result.checks.every((check) => check.passed)).toBe(true);
  });

  it.each<[WalletVariant, RegExp]>([
    ["UNTRUSTED_ISSUER", /not issued by an authority on the trust list/],
    ["TAMPERED_ELEMENT", /altered after the issuer signed it/],
    ["EXPIRED_DOCUMENT", /has expired/],
    ["EXPIRED_SIGNATURE", /signature on this ID has expired/],
    ["WRONG_ORIGIN", /does not cover this request from this site/],
    ["WRONG_DEVICE_KEY", /does not cover this request from this site/],
    ["MAC_ONLY", /did not sign this presentation with the document's device key/],
  ])("refuses %s with its reason", async (variant, reason) => {
    const result = await present({ variant });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
    expect(result.checks.some((check) => !check.passed)).toBe(true);
  });

  it("refuses a genuine mDL when its root is not on the trust list", async () => {
    const other = await SandboxWallet.create();
    const result = await present({ trusted: [other.authority.iacaDer] });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/trust list/) });
  });

  it("refuses a response whose device signed for another origin than the one this server serves", async () => {
    const result = await present({ origin: "https://verifyd.example.org" }).catch((error: unknown) => error);
    // Annex C binds the origin into the encryption too; OpenID4VP only into the device signature.
    if (result instanceof WalletResponseError) expect(result.message).toMatch(/another request|site/);
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/this site/) });
  });

  it("cannot open a replayed answer: it was encrypted to another request's one-time key", async () => {
    await present();
    await expect(present({ variant: "REPLAY" })).rejects.toThrow(WalletResponseError);
  });

  it("verifies an EU PID (eu.europa.ec.eudi.pid.1) over OpenID4VP, and refuses a doctype nobody asked for", async () => {
    const device = await createDeviceKey();
    const now = new Date();
    const pid = await issueMobileDocument({
      authority: wallet.authority,
      doctype: EU_PID_DOCTYPE,
      elements: { family_name: "Lovelace", given_name: "Ada", birth_date: "1985-12-10", resident_city: "Salt Lake City", expiry_date: "2031-01-01", issuing_country: "US", issuing_authority: "Sandbox", document_number: "P123" },
      deviceKey: device.publicJwk,
      validFrom: new Date(now.getTime() - 60_000),
      validUntil: new Date(now.getTime() + 86_400_000),
    });
    const present = async (asked: typeof requested) => {
      const secrets = await createWalletRequestSecrets();
      const request = parseWalletRequests(buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested), (doctype) => doctype === EU_PID_DOCTYPE.doctype, OID4VP_PROTOCOL)!;
      const { response } = await presentDocument({ request, issuerSigned: pid, deviceKey: device.privateKey, origin: ORIGIN });
      const opened = await openWalletResponse({ protocol: OID4VP_PROTOCOL, data: response }, secrets, ORIGIN);
      return verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: [wallet.authority.iacaDer], requested: asked });
    };
    const result = await present(requested);
    expect(result).toMatchObject({ ok: true, doctype: { doctype: EU_PID_DOCTYPE.doctype }, elements: { family_name: "Lovelace", resident_city: "Salt Lake City" } });
    const { [EU_PID_DOCTYPE.doctype]: _pid, ...mdlOnly } = requested;
    await expect(present(mdlOnly)).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/not accepted, or it is not the one that was asked for/) });
  });

  it("refuses an mDL whose document signer certificate has expired, saying so", async () => {
    const twoYearsAgo = new Date(Date.now() - 2 * 365 * 86_400_000);
    const old = await SandboxWallet.create(twoYearsAgo);
    const secrets = await createWalletRequestSecrets();
    const answer = await old.answer({ requests: buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested), origin: ORIGIN, holder });
    const opened = await openWalletResponse(answer, secrets, ORIGIN);
    const result = await verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: [old.authority.iacaDer], requested });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/certificate for this ID has expired/) });
  });

  it("refuses an mDL signed with a certificate of the trusted root that is not a document signer (no mdlDS usage)", async () => {
    const authority = await createSandboxAuthority("Lax DMV", { signerKeyUsage: null });
    const device = await createDeviceKey();
    const now = new Date();
    const mdl = await issueMobileDocument({
      authority,
      elements: { family_name: "Lovelace", given_name: "Ada", expiry_date: "2031-01-01", issuing_country: "US", issuing_authority: "Lax", document_number: "D1" },
      deviceKey: device.publicJwk,
      validFrom: new Date(now.getTime() - 60_000),
      validUntil: new Date(now.getTime() + 86_400_000),
    });
    const secrets = await createWalletRequestSecrets();
    const request = parseWalletRequests(buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested), (doctype) => doctype === MDL_DOCTYPE.doctype, OID4VP_PROTOCOL)!;
    const { response } = await presentDocument({ request, issuerSigned: mdl, deviceKey: device.privateKey, origin: ORIGIN });
    const opened = await openWalletResponse({ protocol: OID4VP_PROTOCOL, data: response }, secrets, ORIGIN);
    const result = await verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: [authority.iacaDer], requested });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/not a document signer/) });
  });
});
