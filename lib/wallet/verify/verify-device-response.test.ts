import { beforeAll, describe, expect, it } from "vitest";
import { SandboxWallet, type WalletVariant } from "@/lib/sandbox/wallet/sandbox-wallet";
import { elementsToRequest, MDL_DOCTYPE, WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
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
});
