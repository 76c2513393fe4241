import { generateKeyPairSync, randomBytes } from "node:crypto";
import { base64url, cborEncode, CoseKey, DeviceRequest, DocRequest, ItemsRequest } from "@owf/mdoc";
import { calculateJwkThumbprint, type JWK } from "jose";
import { MDL_DOCTYPE, type WalletDoctype } from "@/lib/wallet/mdoc/wallet-doctypes";
import { ACCEPTED_COSE_ALGORITHMS, ANNEX_C_PROTOCOL, type DigitalCredentialRequest, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";

/** What one wallet request is bound to, kept (private keys sealed) until its response arrives or it expires. */
export type WalletRequestSecrets = {
  /** 32 random bytes, base64url: the OpenID4VP nonce as is, and the Annex C nonce as its bytes. */
  nonce: string;
  /** ECDH-ES key the OpenID4VP response is encrypted to (JWE), and its RFC 7638 thumbprint the transcript binds. */
  oid4vpPrivateJwk: JWK;
  oid4vpPublicJwk: JWK;
  oid4vpThumbprint: string;
  /** HPKE recipient key of the Annex C response. */
  annexCPrivateJwk: JWK;
  /** The EncryptionInfo exactly as sent, base64url: the Annex C transcript hashes these characters. */
  encryptionInfo: string;
};

function p256KeyPair(): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { privateJwk: privateKey.export({ format: "jwk" }) as JWK, publicJwk: publicKey.export({ format: "jwk" }) as JWK };
}

/** Fresh keys and nonce for one request: nothing is reused between requests, so no response fits another. */
export async function createWalletRequestSecrets(): Promise<WalletRequestSecrets> {
  const nonceBytes = randomBytes(32);
  const oid4vp = p256KeyPair();
  const annexC = p256KeyPair();
  const oid4vpThumbprint = await calculateJwkThumbprint(oid4vp.publicJwk, "sha256");
  const oid4vpPublicJwk: JWK = { ...oid4vp.publicJwk, kid: oid4vpThumbprint, use: "enc", alg: "ECDH-ES" };
  const recipientPublicKey = CoseKey.fromJwk({ ...annexC.publicJwk }).encodedStructure;
  const encryptionInfo = base64url.encode(cborEncode(["dcapi", { nonce: new Uint8Array(nonceBytes), recipientPublicKey }]));
  return {
    nonce: base64url.encode(new Uint8Array(nonceBytes)),
    oid4vpPrivateJwk: oid4vp.privateJwk,
    oid4vpPublicJwk,
    oid4vpThumbprint,
    annexCPrivateJwk: annexC.privateJwk,
    encryptionInfo,
  };
}

/** The elements asked of each doctype, e.g. { "org.iso.18013.5.1.mDL": ["family_name", ...] }. */
export type RequestedElements = Record<string, string[]>;

function dcqlCredential(id: string, doctype: WalletDoctype, elements: string[]) {
  return {
    id,
    format: "mso_mdoc",
    meta: { doctype_value: doctype.doctype },
    // intent_to_retain false: the values are compared and the portrait dropped at the decision (the wallet shows this).
    claims: elements.map((element) => ({ path: [doctype.namespace, element], intent_to_retain: false })),
  };
}

/**
 * The `digital.requests` for navigator.credentials.get: OpenID4VP 1.0 (unsigned request, DCQL, response encrypted
 * to our one-time key: response_mode dc_api.jwt) offering any of the doctypes, and ISO 18013-7 Annex C asking for
 * the mDL (its DeviceRequest would ask for every listed document at once). Only the elements the policy needs.
 */
export function buildDigitalCredentialRequests(secrets: WalletRequestSecrets, doctypes: readonly WalletDoctype[], requested: RequestedElements): DigitalCredentialRequest[] {
  const offered = doctypes.filter((doctype) => (requested[doctype.doctype]?.length ?? 0) > 0);
  const credentials = offered.map((doctype, index) => dcqlCredential(`doc${index}`, doctype, requested[doctype.doctype]!));
  const requests: DigitalCredentialRequest[] = [
    {
      protocol: OID4VP_PROTOCOL,
      data: {
        response_type: "vp_token",
        response_mode: "dc_api.jwt",
        nonce: secrets.nonce,
        client_metadata: {
          jwks: { keys: [secrets.oid4vpPublicJwk] },
          encrypted_response_enc_values_supported: ["A128GCM", "A256GCM"],
          vp_formats_supported: { mso_mdoc: { issuerauth_alg_values: [...ACCEPTED_COSE_ALGORITHMS], deviceauth_alg_values: [...ACCEPTED_COSE_ALGORITHMS] } },
        },
        dcql_query: { credentials, credential_sets: [{ options: credentials.map((credential) => [credential.id]) }] },
      },
    },
  ];
  const mdlElements = requested[MDL_DOCTYPE.doctype];
  if (mdlElements?.length) {
    const itemsRequest = ItemsRequest.create({ docType: MDL_DOCTYPE.doctype, namespaces: { [MDL_DOCTYPE.namespace]: Object.fromEntries(mdlElements.map((element) => [element, false])) } });
    const deviceRequest = DeviceRequest.create({ version: "1.0", docRequests: [DocRequest.create({ itemsRequest })] });
    requests.push({ protocol: ANNEX_C_PROTOCOL, data: { deviceRequest: base64url.encode(deviceRequest.encode()), encryptionInfo: secrets.encryptionInfo } });
  }
  return requests;
}
