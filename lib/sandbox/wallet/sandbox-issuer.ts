import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { CoseKey, DeviceKey, Issuer, type IssuerSigned, SignatureAlgorithm } from "@owf/mdoc";
import type { JWK } from "jose";
import { sandboxHolderContext } from "@/lib/sandbox/wallet/sandbox-holder-context";
import { MDL_DOCTYPE, type WalletDoctype } from "@/lib/wallet/mdoc/wallet-doctypes";

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
/** ISO/IEC 18013-5 Annex B: the document signer's extended key usage (id-mdl-kp-mdlDS). */
const MDL_DS_KEY_USAGE = "1.0.18013.5.1.2";
const DAY_MS = 86_400_000;

export type SandboxAuthority = {
  /** The IACA root, DER: what the trust list holds. */
  iacaDer: Uint8Array;
  iacaPem: string;
  /** The document signer the root issued, DER, and its private key as a COSE key. */
  signerDer: Uint8Array;
  signerKey: CoseKey;
  name: string;
};

/** As a COSE key that names its algorithm: the library writes it into the protected header of what it signs. */
async function exportCoseKey(key: webcrypto.CryptoKey): Promise<CoseKey> {
  return CoseKey.fromJwk({ ...(await webcrypto.subtle.exportKey("jwk", key)), alg: "ES256" });
}

/**
 * A state's issuing authority for the sandbox: an IACA root (CA, keyCertSign, 5 years) and a document signer it
 * issued (digitalSignature, mdlDS usage, 1 year), as ISO/IEC 18013-5 Annex B profiles them. `name` tells the
 * sandbox's real authority from the untrusted one the bad responses are signed by.
 */
export async function createSandboxAuthority(name: string, options: { country?: string; state?: string; now?: Date; signerKeyUsage?: string | null } = {}): Promise<SandboxAuthority> {
  const now = options.now ?? new Date();
  const country = options.country ?? "US";
  const state = options.state ?? "UT";
  const provider = globalThis.crypto;
  const rootKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: "01",
      name: `C=${country}, ST=${state}, CN=${name} IACA`,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + 5 * 365 * DAY_MS),
      keys: rootKeys,
      signingAlgorithm: ALGORITHM,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
    },
    provider,
  );
  const signerKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const signer = await x509.X509CertificateGenerator.create(
    {
      serialNumber: "02",
      subject: `C=${country}, ST=${state}, CN=${name} Document Signer`,
      issuer: root.subject,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + 365 * DAY_MS),
      signingKey: rootKeys.privateKey,
      publicKey: signerKeys.publicKey,
      signingAlgorithm: ALGORITHM,
      // signerKeyUsage null: a certificate the root issued for something else (tests of the verifier's EKU check).
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        ...(options.signerKeyUsage === null ? [] : [new x509.ExtendedKeyUsageExtension([options.signerKeyUsage ?? MDL_DS_KEY_USAGE], true)]),
      ],
    },
    provider,
  );
  return { iacaDer: new Uint8Array(root.rawData), iacaPem: root.toString("pem"), signerDer: new Uint8Array(signer.rawData), signerKey: await exportCoseKey(signerKeys.privateKey), name };
}

/** A device key pair as a phone's secure element would hold it. */
export async function createDeviceKey(): Promise<{ privateKey: CoseKey; publicJwk: JWK }> {
  const keys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const publicJwk = (await webcrypto.subtle.exportKey("jwk", keys.publicKey)) as JWK;
  return { privateKey: await exportCoseKey(keys.privateKey), publicJwk };
}

/**
 * Signs a mobile document: the holder's elements in the doctype's namespace, the MSO (SHA-256 digests, validity
 * window) under the document signer, bound to the device key. Values are as the wallet would hold them (dates as
 * full-date strings, the portrait as JPEG bytes).
 */
export async function issueMobileDocument(options: {
  authority: SandboxAuthority;
  doctype?: WalletDoctype;
  elements: Record<string, unknown>;
  deviceKey: JWK;
  validFrom: Date;
  validUntil: Date;
}): Promise<IssuerSigned> {
  const doctype = options.doctype ?? MDL_DOCTYPE;
  return new Issuer(doctype.doctype, sandboxHolderContext)
    .addIssuerNamespace(doctype.namespace, options.elements)
    .sign({
      signingKey: options.authority.signerKey,
      algorithm: SignatureAlgorithm.ES256,
      digestAlgorithm: "SHA-256",
      validityInfo: { signed: options.validFrom, validFrom: options.validFrom, validUntil: options.validUntil },
      deviceKeyInfo: { deviceKey: DeviceKey.fromJwk({ ...options.deviceKey }) },
      certificates: [options.authority.signerDer],
    });
}
