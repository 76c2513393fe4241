import { createHash, createPublicKey, type JsonWebKey, randomBytes, verify as verifySignature, X509Certificate } from "node:crypto";
import { CoseKey, type MdocContext } from "@owf/mdoc";

/** COSE algorithm name → the hash node signs with and the curve the key must be on (a key on another curve is refused). */
const SIGNATURE_ALGORITHMS: Record<string, { hash: string | null; curve: string }> = {
  ES256: { hash: "sha256", curve: "P-256" },
  ES384: { hash: "sha384", curve: "P-384" },
  ES512: { hash: "sha512", curve: "P-521" },
  EdDSA: { hash: null, curve: "Ed25519" },
};

const DIGESTS = { "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" } as const;

/** How long a chain may be: document signer → (one intermediate at most) → IACA root. */
const MAX_CHAIN_LENGTH = 3;

export type ChainVerdict = { anchor: X509Certificate; signer: X509Certificate };

/** One value of a distinguished name ("C", "ST", "CN") as node prints it: one `key=value` per line. */
export function nameField(name: string, field: string): string[] {
  return name
    .split("\n")
    .map((line) => line.split("="))
    .filter(([key]) => key === field)
    .map(([, ...value]) => value.join("="));
}

function validAt(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validFrom) <= now && now <= new Date(certificate.validTo);
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey);
}

/**
 * The certificate path from the document signer to a trusted IACA root, checked at `now`: each certificate in its
 * validity window, each signed by the next, the root a CA that is on the trust list (compared byte for byte). A
 * document signer that is itself on the list does not count: only roots are anchors (ISO/IEC 18013-5 Annex B).
 */
export function verifyCertificatePath(x5chain: Uint8Array[], trusted: Uint8Array[], now: Date): ChainVerdict {
  if (x5chain.length === 0) throw new Error("The document carries no signer certificate.");
  if (x5chain.length > MAX_CHAIN_LENGTH) throw new Error("The signer's certificate chain is longer than an mdoc's may be.");
  const chain = x5chain.map((der) => new X509Certificate(Buffer.from(der)));
  const anchors = trusted.map((der) => new X509Certificate(Buffer.from(der))).filter((anchor) => anchor.ca && issuedBy(anchor, anchor));
  const signer = chain[0]!;
  let current = signer;
  for (let depth = 0; depth <= MAX_CHAIN_LENGTH; depth++) {
    if (!validAt(current, now)) throw new Error(`The certificate "${nameField(current.subject, "CN")[0] ?? current.subject}" is not valid at ${now.toISOString()}.`);
    const anchor = anchors.find((candidate) => issuedBy(current, candidate));
    if (anchor) {
      if (!validAt(anchor, now)) throw new Error("The trusted root that issued the signer's certificate has expired or is not yet valid.");
      if (current === signer && signer.ca) throw new Error("The document was signed with a CA certificate, not a document signer certificate.");
      return { anchor, signer };
    }
    const next = chain.slice(1).find((candidate) => candidate !== current && candidate.ca && issuedBy(current, candidate));
    if (!next) break;
    current = next;
  }
  throw new Error("The signer's certificate does not chain to a trusted IACA root.");
}

function publicKeyOf(key: CoseKey, algorithm: string) {
  const expected = SIGNATURE_ALGORITHMS[algorithm];
  if (!expected) throw new Error(`Signature algorithm ${algorithm} is not accepted.`);
  const jwk = key.jwk;
  if (jwk.crv !== expected.curve) throw new Error(`A ${algorithm} signature needs a ${expected.curve} key.`);
  // Only the public part: a COSE key that also carried `d` must not turn into a private key object here.
  const { kty, crv, x, y } = jwk;
  const publicJwk: JsonWebKey = { kty: String(kty), crv: String(crv), x: String(x), ...(y === undefined ? {} : { y: String(y) }) };
  return { key: createPublicKey({ key: publicJwk, format: "jwk" }), hash: expected.hash };
}

/**
 * The crypto @owf/mdoc calls back into, on node:crypto alone, for a verifier: digests, COSE_Sign1 verification
 * and X.509. It never signs or derives keys (a verifier has no reason to); `onChain` receives the path that the
 * issuer's certificate chain verified along, so the decision can name the trust anchor it used.
 */
export function verifierMdocContext(onChain: (verdict: ChainVerdict) => void): MdocContext {
  const refuse = () => {
    throw new Error("The verifier does not sign, derive or authenticate.");
  };
  return {
    crypto: {
      random: (length) => new Uint8Array(randomBytes(length)),
      digest: ({ digestAlgorithm, bytes }) => new Uint8Array(createHash(DIGESTS[digestAlgorithm]).update(bytes).digest()),
      calculateEphemeralMacKey: refuse,
    },
    cose: {
      sign1: {
        sign: refuse,
        verify: ({ key, sign1 }) => {
          const { key: publicKey, hash } = publicKeyOf(key, sign1.signatureAlgorithmName);
          return verifySignature(hash, sign1.toBeSigned, { key: publicKey, dsaEncoding: "ieee-p1363" }, sign1.signature);
        },
      },
      // Device MACs need the reader's ephemeral key of a proximity session: online presentation is signed, never MACed.
      mac0: { sign: refuse, verify: () => false },
    },
    x509: {
      getIssuerNameField: ({ certificate, field }) => nameField(new X509Certificate(Buffer.from(certificate)).subject, field),
      getPublicKey: ({ certificate }) => {
        const jwk = new X509Certificate(Buffer.from(certificate)).publicKey.export({ format: "jwk" });
        return CoseKey.fromJwk({ ...jwk });
      },
      verifyCertificateChain: ({ trustedCertificates, x5chain, now }) => {
        onChain(verifyCertificatePath(x5chain, trustedCertificates, now ?? new Date()));
      },
      getCertificateData: ({ certificate }) => {
        const parsed = new X509Certificate(Buffer.from(certificate));
        return {
          issuerName: parsed.issuer,
          subjectName: parsed.subject,
          serialNumber: parsed.serialNumber,
          thumbprint: parsed.fingerprint256.replaceAll(":", "").toLowerCase(),
          notBefore: new Date(parsed.validFrom),
          notAfter: new Date(parsed.validTo),
          pem: parsed.toString(),
        };
      },
    },
  };
}
