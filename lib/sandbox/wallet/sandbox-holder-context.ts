import { createHash, createHmac, createPrivateKey, createPublicKey, type JsonWebKey, randomBytes, sign, verify } from "node:crypto";
import { CoseKey, KeyType, type MdocContext } from "@owf/mdoc";

function jwkPart(key: CoseKey, withPrivate: boolean): JsonWebKey {
  const { kty, crv, x, y, d } = key.jwk;
  const part: JsonWebKey = { kty: String(kty), crv: String(crv), x: String(x), y: String(y) };
  return withPrivate ? { ...part, d: String(d) } : part;
}

const privateKeyOf = (key: CoseKey) => createPrivateKey({ key: jwkPart(key, true), format: "jwk" });
const publicKeyOf = (key: CoseKey) => createPublicKey({ key: jwkPart(key, false), format: "jwk" });

/**
 * The crypto the sandbox's issuer and wallet sign with (P-256 only: what the sandbox issues). Real issuers and
 * wallets do this in an HSM or the phone's secure element; here the keys are in memory. Never used by the verifier.
 */
export const sandboxHolderContext: MdocContext = {
  crypto: {
    random: (length) => new Uint8Array(randomBytes(length)),
    digest: ({ digestAlgorithm, bytes }) => new Uint8Array(createHash(digestAlgorithm.replace("-", "").toLowerCase()).update(bytes).digest()),
    // Only for the MAC_ONLY variant, which a verifier must refuse whatever the MAC: online presentation has no
    // reader key to derive a real one from, so the key is random (ISO 18013-5's derivation is not needed).
    calculateEphemeralMacKey: () => CoseKey.create({ keyType: KeyType.Oct, k: new Uint8Array(randomBytes(32)) }),
  },
  cose: {
    sign1: {
      sign: ({ toBeSigned, key }) => new Uint8Array(sign("sha256", toBeSigned, { key: privateKeyOf(key), dsaEncoding: "ieee-p1363" })),
      verify: ({ key, sign1 }) => verify("sha256", sign1.toBeSigned, { key: publicKeyOf(key), dsaEncoding: "ieee-p1363" }, sign1.signature),
    },
    mac0: {
      sign: ({ key, toBeAuthenticated }) => new Uint8Array(createHmac("sha256", key.k ?? randomBytes(32)).update(toBeAuthenticated).digest()),
      verify: () => false,
    },
  },
  x509: {
    getIssuerNameField: () => [],
    getPublicKey: () => {
      throw new Error("not used by the sandbox holder");
    },
    verifyCertificateChain: () => undefined,
    getCertificateData: () => {
      throw new Error("not used by the sandbox holder");
    },
  },
};
