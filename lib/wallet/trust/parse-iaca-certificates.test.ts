import { createHash, generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createSandboxAuthority, type SandboxAuthority } from "@/lib/sandbox/wallet/sandbox-issuer";
import { MAX_CERTIFICATES_PER_FILE, parseIacaCertificates } from "@/lib/wallet/trust/parse-iaca-certificates";
import { createExpiredAuthority, createIntermediateCa, pemOf } from "@/lib/wallet/trust/testing/trust-list-fixtures";

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text));
const sha256 = (der: Uint8Array) => createHash("sha256").update(der).digest("hex");

/** The message a refusal gives, checked to be the form error the action shows beside the file input. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors?.file).toEqual([error.message]);
    return error.message;
  }
  throw new Error("Expected a refusal");
}

let utah: SandboxAuthority;
let nevada: SandboxAuthority;

beforeAll(async () => {
  [utah, nevada] = await Promise.all([createSandboxAuthority("Utah DLD", { state: "UT" }), createSandboxAuthority("Nevada DMV", { state: "NV" })]);
});

describe("reading an upload for the trust list", () => {
  it("reads one PEM IACA: fingerprint of the DER, subject, CN, country and state, validity", () => {
    const [certificate, ...others] = parseIacaCertificates(bytesOf(utah.iacaPem));
    expect(others).toEqual([]);
    expect(certificate).toMatchObject({
      fingerprint: sha256(utah.iacaDer),
      subject: "C=US, ST=UT, CN=Utah DLD IACA",
      commonName: "Utah DLD IACA",
      country: "US",
      stateOrProvince: "UT",
      expired: false,
    });
    expect(Buffer.from(certificate?.der ?? []).equals(Buffer.from(utah.iacaDer))).toBe(true);
    expect(certificate?.notBefore.getTime()).toBeLessThan(Date.now());
    expect(certificate?.notAfter.getTime()).toBeGreaterThan(Date.now() + 4 * 365 * 86_400_000);
  });

  it("reads a PEM bundle (CRLF, text around the blocks), each certificate once", () => {
    const bundle = `Utah\r\n${utah.iacaPem.replaceAll("\n", "\r\n")}\r\nNevada\n${pemOf(nevada.iacaDer)}${utah.iacaPem}`;
    const certificates = parseIacaCertificates(bytesOf(bundle));
    expect(certificates.map((certificate) => certificate.commonName)).toEqual(["Utah DLD IACA", "Nevada DMV IACA"]);
    expect(certificates[1]?.stateOrProvince).toBe("NV");
  });

  it("reads a single DER certificate", () => {
    const [certificate] = parseIacaCertificates(nevada.iacaDer);
    expect(certificate).toMatchObject({ fingerprint: sha256(nevada.iacaDer), commonName: "Nevada DMV IACA" });
  });

  it("accepts an expired root, flagged as expired", async () => {
    const expired = await createExpiredAuthority("Old DMV");
    const [certificate] = parseIacaCertificates(bytesOf(expired.iacaPem));
    expect(certificate).toMatchObject({ commonName: "Old DMV IACA", expired: true });
  });

  it("refuses a document signer (not a CA), naming it", () => {
    expect(refusal(() => parseIacaCertificates(bytesOf(pemOf(utah.signerDer))))).toMatch(/^This certificate \(“Utah DLD Document Signer”\) is not a CA certificate/);
    expect(refusal(() => parseIacaCertificates(utah.signerDer))).toMatch(/is not a CA certificate/);
  });

  it("refuses a whole bundle when one certificate in it is not an IACA", () => {
    const message = refusal(() => parseIacaCertificates(bytesOf(`${utah.iacaPem}${pemOf(utah.signerDer)}`)));
    expect(message).toMatch(/^Certificate 2 of 2 \(“Utah DLD Document Signer”\) is not a CA certificate.*Nothing was added\.$/);
  });

  it("refuses a CA that is not self-signed (an intermediate)", async () => {
    const intermediate = await createIntermediateCa("Utah Intermediate CA");
    expect(refusal(() => parseIacaCertificates(intermediate))).toMatch(/“Utah Intermediate CA”\) is not self-signed/);
  });

  it("refuses garbage, empty files, damaged PEM, other PEM blocks and private keys", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const damaged = utah.iacaPem.replace("-----END CERTIFICATE-----", "-----END CERTIFICATE");
    const cases: [Uint8Array, RegExp][] = [
      [bytesOf("hello, this is not a certificate"), /is not a certificate/],
      [new Uint8Array([0x30, 0x82, 0x01, 0x00, 0x01, 0x02]), /is not a certificate/],
      [new Uint8Array([...utah.iacaDer, 0x00]), /is not a certificate/],
      [new Uint8Array(), /empty/],
      [bytesOf(damaged), /damaged/],
      [bytesOf(utah.iacaPem.replace("MII", "MII!")), /damaged/],
      [bytesOf("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"), /cannot be read|is not a certificate/],
      [bytesOf(`${utah.iacaPem}${privateKey.export({ format: "pem", type: "pkcs8" }).toString()}`), /private key/],
      [bytesOf("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"), /“X509 CRL” block/],
    ];
    for (const [bytes, message] of cases) expect(refusal(() => parseIacaCertificates(bytes)), Buffer.from(bytes).toString("latin1").slice(0, 40)).toMatch(message);
  });

  it(`refuses more than ${MAX_CERTIFICATES_PER_FILE} certificates and files over 256 KB`, () => {
    const many = Array.from({ length: MAX_CERTIFICATES_PER_FILE + 1 }, () => utah.iacaPem).join("");
    expect(refusal(() => parseIacaCertificates(bytesOf(many)))).toMatch(/holds 51 certificates; upload at most 50/);
    expect(parseIacaCertificates(bytesOf(Array.from({ length: MAX_CERTIFICATES_PER_FILE }, () => utah.iacaPem).join("")))).toHaveLength(1);
    expect(refusal(() => parseIacaCertificates(new Uint8Array(256 * 1024 + 1)))).toMatch(/larger than 256 KB/);
  });
});
