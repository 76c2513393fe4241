import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { Encoder } from "cbor-x";
import { z } from "zod";

/**
 * A software WebAuthn authenticator for tests: one ES256 (P-256) credential, attestation "none", user present
 * and verified. It answers the JSON options @simplewebauthn/server produces with the JSON a browser would send,
 * so the real verifier runs. `origin` and `rpId` can be overridden per answer to act as a phishing site.
 */
// Canonical-enough CBOR for strict decoders: minimal map lengths (cbor-x writes 16-bit ones by default), no records, no tag 259 on integer-keyed maps.
const cbor = new Encoder({ useRecords: false, variableMapSize: true, mapsAsObjects: false, tagUint8Array: false });
const encode = (value: unknown) => cbor.encode(value);

export function createSoftwareAuthenticator(defaults: { origin: string; rpId: string }) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = z.object({ x: z.string(), y: z.string() }).parse(publicKey.export({ format: "jwk" }));
  const credentialId = randomBytes(16);
  let counter = 0;

  function authenticatorData(rpId: string, flags: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([createHash("sha256").update(rpId).digest(), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  function clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  return {
    credentialId: credentialId.toString("base64url"),
    /** Sets the signature counter the next answer carries (e.g. back to 0, as a cloned authenticator would). */
    setCounter(value: number) {
      counter = value;
    },
    register(options: { challenge: string }, override: { origin?: string; rpId?: string } = {}) {
      const coseKey = new Map<number, number | Buffer>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x, "base64url")],
        [-3, Buffer.from(jwk.y, "base64url")],
      ]);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, Buffer.from(encode(coseKey))]);
      const authData = authenticatorData(override.rpId ?? defaults.rpId, 0x01 | 0x04 | 0x40, attested);
      const attestationObject = Buffer.from(encode({ fmt: "none", attStmt: {}, authData }));
      return {
        id: credentialId.toString("base64url"),
        rawId: credentialId.toString("base64url"),
        type: "public-key" as const,
        response: {
          clientDataJSON: clientData("webauthn.create", options.challenge, override.origin ?? defaults.origin).toString("base64url"),
          attestationObject: attestationObject.toString("base64url"),
          transports: ["internal" as const],
        },
        clientExtensionResults: {},
      };
    },
    assert(options: { challenge: string }, override: { origin?: string; rpId?: string } = {}) {
      counter += 1;
      const authData = authenticatorData(override.rpId ?? defaults.rpId, 0x01 | 0x04);
      const clientDataJSON = clientData("webauthn.get", options.challenge, override.origin ?? defaults.origin);
      const signature = sign("sha256", Buffer.concat([authData, createHash("sha256").update(clientDataJSON).digest()]), privateKey);
      return {
        id: credentialId.toString("base64url"),
        rawId: credentialId.toString("base64url"),
        type: "public-key" as const,
        response: {
          clientDataJSON: clientDataJSON.toString("base64url"),
          authenticatorData: authData.toString("base64url"),
          signature: signature.toString("base64url"),
        },
        clientExtensionResults: {},
      };
    },
  };
}
