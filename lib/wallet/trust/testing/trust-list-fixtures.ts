import { webcrypto } from "node:crypto";
import { cborEncode, Header, Sign1, SignatureAlgorithm } from "@owf/mdoc";
import * as x509 from "@peculiar/x509";
import { Tag } from "cbor-x";
import { createSandboxAuthority, type SandboxAuthority } from "@/lib/sandbox/wallet/sandbox-issuer";
import { sandboxHolderContext } from "@/lib/sandbox/wallet/sandbox-holder-context";

/**
 * Certificates and VICALs for the trust list's tests (never imported by the app): real IACA roots from the
 * sandbox's issuer, an intermediate CA, and VICALs signed the way a provider signs them (COSE_Sign1, ES256, x5chain).
 */

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

export const MDL_DOCTYPE = "org.iso.18013.5.1.mDL";

/** A CA issued by a root of its own: a CA, but not self-signed (an intermediate). */
export async function createIntermediateCa(name: string): Promise<Uint8Array> {
  const provider = globalThis.crypto;
  const rootKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: "0a",
      name: `C=US, ST=UT, CN=${name} Root`,
      notBefore: new Date(Date.now() - DAY_MS),
      notAfter: new Date(Date.now() + 365 * DAY_MS),
      keys: rootKeys,
      signingAlgorithm: ALGORITHM,
      extensions: [new x509.BasicConstraintsExtension(true, 1, true)],
    },
    provider,
  );
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const intermediate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: "0b",
      subject: `C=US, ST=UT, CN=${name}`,
      issuer: root.subject,
      notBefore: new Date(Date.now() - DAY_MS),
      notAfter: new Date(Date.now() + 365 * DAY_MS),
      signingKey: rootKeys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: ALGORITHM,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    },
    provider,
  );
  return new Uint8Array(intermediate.rawData);
}

/** An IACA root whose validity ended a year ago. */
export function createExpiredAuthority(name: string): Promise<SandboxAuthority> {
  return createSandboxAuthority(name, { now: new Date(Date.now() - 6 * 365 * DAY_MS) });
}

export function pemOf(der: Uint8Array): string {
  const body = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${body.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export type VicalContent = {
  provider?: string;
  issueId?: number;
  date?: Date;
  certificates: Uint8Array[];
};

/** The VICAL payload as AAMVA lays it out: a map whose certificateInfos each carry the root's DER and its doctypes. */
export function vicalPayload(content: VicalContent): Uint8Array {
  const infos = content.certificates.map(
    (der, index) =>
      new Map<string, unknown>([
        ["certificate", der],
        ["serialNumber", index + 1],
        ["ski", new Uint8Array(20).fill(index)],
        ["docType", [MDL_DOCTYPE]],
        ["certificateProfile", ["org.iso.18013.5.1.IACA"]],
      ]),
  );
  return cborEncode(
    new Map<string, unknown>([
      ["version", "1.0"],
      ["vicalProvider", content.provider ?? "AAMVA"],
      ["date", content.date ?? new Date("2026-11-30T00:00:00Z")],
      ...(content.issueId === undefined ? [] : [["vicalIssueID", content.issueId] as [string, unknown]]),
      ["certificateInfos", infos],
    ]),
  );
}

/** Signs `payload` as a VICAL provider does: ES256 in the protected header, the signer's chain in x5chain. */
export async function signVical(payload: Uint8Array, signer: SandboxAuthority, options: { tagged?: boolean; x5chain?: Uint8Array[] | null } = {}): Promise<Uint8Array> {
  const x5chain = options.x5chain === undefined ? [signer.signerDer, signer.iacaDer] : options.x5chain;
  const sign1 = await Sign1.create(
    {
      protectedHeaders: new Map<number, unknown>([[Header.Algorithm, SignatureAlgorithm.ES256]]),
      unprotectedHeaders: new Map<number, unknown>(x5chain === null ? [] : [[Header.X5Chain, x5chain.length === 1 ? x5chain[0] : x5chain]]),
      payload,
      signingKey: signer.signerKey,
    },
    sandboxHolderContext,
  );
  return options.tagged === false ? sign1.encode() : tagged(sign1);
}

/**
 * As COSE_Sign1 with its tag (18), as providers publish it. @owf/mdoc 0.6.0 decodes the tag but cannot write it (its
 * encoder for a Sign1 instance calls itself), so the tag comes from cbor-x, the CBOR library @owf/mdoc is built on.
 */
function tagged(sign1: Sign1): Uint8Array {
  return cborEncode(new Tag(sign1.encodedStructure, Sign1.tag));
}

/** The same signed VICAL with one certificate swapped for another after signing: the signature must fail. */
export function tamperVical(signed: Uint8Array, payload: Uint8Array): Uint8Array {
  const original = Sign1.decode(signed);
  const tampered = Sign1.fromDecodedStructure({
    protected: original.protectedHeaders,
    unprotected: original.unprotectedHeaders,
    payload,
    signature: original.signature,
  });
  return tagged(tampered);
}
