import { createHash } from "node:crypto";
import { cborEncode } from "@owf/mdoc";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createSandboxAuthority, type SandboxAuthority } from "@/lib/sandbox/wallet/sandbox-issuer";
import { readVical } from "@/lib/wallet/trust/read-vical";
import { signVical, tamperVical, vicalPayload } from "@/lib/wallet/trust/testing/trust-list-fixtures";

const sha256 = (der: Uint8Array) => createHash("sha256").update(der).digest("hex");

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("invalid_input");
    return error.message;
  }
  throw new Error("Expected a refusal");
}

let provider: SandboxAuthority;
let utah: SandboxAuthority;
let nevada: SandboxAuthority;

beforeAll(async () => {
  [provider, utah, nevada] = await Promise.all([createSandboxAuthority("AAMVA VICAL Signer"), createSandboxAuthority("Utah DLD"), createSandboxAuthority("Nevada DMV", { state: "NV" })]);
});

describe("reading a VICAL", () => {
  it.each([true, false])("reads a signed list (tagged: %s): provider, issue, date, signer, IACAs; other entries skipped", async (tagged) => {
    const payload = vicalPayload({ issueId: 42, certificates: [utah.iacaDer, utah.signerDer, nevada.iacaDer, utah.iacaDer] });
    const vical = readVical(await signVical(payload, provider, { tagged }));
    expect(vical).toMatchObject({ provider: "AAMVA", issueId: "42", date: "2026-11-30", entries: 4 });
    expect(vical.signer).toEqual({ subject: "C=US, ST=UT, CN=AAMVA VICAL Signer Document Signer", commonName: "AAMVA VICAL Signer Document Signer", fingerprint: sha256(provider.signerDer) });
    expect(vical.certificates.map((certificate) => [certificate.commonName, certificate.fingerprint])).toEqual([
      ["Utah DLD IACA", sha256(utah.iacaDer)],
      ["Nevada DMV IACA", sha256(nevada.iacaDer)],
    ]);
    expect(vical.skipped).toEqual([{ label: "Utah DLD Document Signer", reason: expect.stringMatching(/is not a CA certificate/) }]);
  });

  it("reads a list signed by a lone certificate (x5chain as one bstr) and without an issue id", async () => {
    const vical = readVical(await signVical(vicalPayload({ certificates: [utah.iacaDer] }), provider, { x5chain: [provider.signerDer] }));
    expect(vical).toMatchObject({ issueId: null, certificates: [{ commonName: "Utah DLD IACA" }] });
  });

  it("refuses a list altered after signing", async () => {
    const signed = await signVical(vicalPayload({ certificates: [utah.iacaDer] }), provider);
    const tampered = tamperVical(signed, vicalPayload({ certificates: [nevada.iacaDer] }));
    expect(refusal(() => readVical(tampered))).toMatch(/signature does not verify/);
  });

  it("refuses a list signed by another key than its x5chain's certificate", async () => {
    const signed = await signVical(vicalPayload({ certificates: [utah.iacaDer] }), provider, { x5chain: [nevada.signerDer] });
    expect(refusal(() => readVical(signed))).toMatch(/signature does not verify/);
  });

  it("refuses a list with no signer certificate, and a chain whose links do not match", async () => {
    const unsigned = await signVical(vicalPayload({ certificates: [utah.iacaDer] }), provider, { x5chain: null });
    expect(refusal(() => readVical(unsigned))).toMatch(/no x5chain/);
    const broken = await signVical(vicalPayload({ certificates: [utah.iacaDer] }), provider, { x5chain: [provider.signerDer, nevada.iacaDer] });
    expect(refusal(() => readVical(broken))).toMatch(/do not form a chain/);
  });

  it("refuses a signer certificate that is not valid now", async () => {
    const signed = await signVical(vicalPayload({ certificates: [utah.iacaDer] }), provider);
    expect(refusal(() => readVical(signed, new Date(Date.now() + 2 * 365 * 86_400_000)))).toMatch(/is not valid now/);
  });

  it("refuses files that are not a COSE_Sign1, and signed content that is not a VICAL", async () => {
    expect(refusal(() => readVical(new Uint8Array(Buffer.from(utah.iacaPem))))).toMatch(/not a VICAL/);
    expect(refusal(() => readVical(utah.iacaDer))).toMatch(/not a VICAL/);
    expect(refusal(() => readVical(cborEncode(new Map([["vicalProvider", "AAMVA"]]))))).toMatch(/not a VICAL/);
    const notVical = await signVical(cborEncode(new Map([["hello", "world"]])), provider);
    expect(refusal(() => readVical(notVical))).toMatch(/signed, but it is not a VICAL: vicalProvider is missing/);
    const notCbor = await signVical(new Uint8Array([0xff, 0xff]), provider);
    expect(refusal(() => readVical(notCbor))).toMatch(/not CBOR/);
  });
});
