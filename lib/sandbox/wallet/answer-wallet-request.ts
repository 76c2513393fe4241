import { CipherSuite, Aes128Gcm, DhkemP256HkdfSha256, HkdfSha256 } from "@hpke/core";
import { base64url, cborDecode, cborEncode, CoseKey, DeviceRequest, DeviceResponse, DocRequest, IssuerSigned, ItemsRequest, type SessionTranscript } from "@owf/mdoc";
import { calculateJwkThumbprint, CompactEncrypt, importJWK, type JWK } from "jose";
import { z } from "zod";
import { sandboxHolderContext } from "@/lib/sandbox/wallet/sandbox-holder-context";
import { walletDoctypeOf, type WalletDoctype } from "@/lib/wallet/mdoc/wallet-doctypes";
import { annexCSessionTranscript, oid4vpSessionTranscript } from "@/lib/wallet/protocol/session-transcripts";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";

const hpkeSuite = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });

/** What the page asked for, as the browser hands it to the wallet. */
export const walletRequestsSchema = z.array(z.object({ protocol: z.string(), data: z.record(z.string(), z.unknown()) })).min(1).max(8);
export type WalletRequests = z.infer<typeof walletRequestsSchema>;

const oid4vpRequestSchema = z.object({
  response_mode: z.literal("dc_api.jwt"),
  nonce: z.string().min(16),
  client_metadata: z.object({ jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }) }),
  dcql_query: z.object({
    credentials: z.array(z.object({ id: z.string(), format: z.literal("mso_mdoc"), meta: z.object({ doctype_value: z.string() }), claims: z.array(z.object({ path: z.tuple([z.string(), z.string()]) })) })).min(1),
  }),
});
const annexCRequestSchema = z.object({ deviceRequest: z.string(), encryptionInfo: z.string() });

/** One parsed request: which document and elements, the transcript the device must sign, and how to encrypt the answer. */
export type ParsedWalletRequest = {
  protocol: typeof OID4VP_PROTOCOL | typeof ANNEX_C_PROTOCOL;
  doctype: WalletDoctype;
  elements: string[];
  transcriptFor(origin: string): Promise<SessionTranscript>;
  encrypt(deviceResponse: Uint8Array, sessionTranscript: SessionTranscript): Promise<Record<string, unknown>>;
};

function parseOid4vp(data: Record<string, unknown>, holds: (doctype: string) => boolean): ParsedWalletRequest | null {
  const request = oid4vpRequestSchema.safeParse(data);
  if (!request.success) return null;
  const credential = request.data.dcql_query.credentials.find((candidate) => holds(candidate.meta.doctype_value));
  const doctype = credential && walletDoctypeOf(credential.meta.doctype_value);
  if (!credential || !doctype) return null;
  const verifierJwk = request.data.client_metadata.jwks.keys[0] as JWK;
  return {
    protocol: OID4VP_PROTOCOL,
    doctype,
    elements: credential.claims.filter((claim) => claim.path[0] === doctype.namespace).map((claim) => claim.path[1]),
    transcriptFor: async (origin) => oid4vpSessionTranscript({ origin, nonce: request.data.nonce, jwkThumbprint: base64url.decode(await calculateJwkThumbprint(verifierJwk, "sha256")) }),
    encrypt: async (deviceResponse) => {
      const payload = new TextEncoder().encode(JSON.stringify({ vp_token: { [credential.id]: [base64url.encode(deviceResponse)] } }));
      const jwe = await new CompactEncrypt(payload)
        .setProtectedHeader({ alg: "ECDH-ES", enc: "A128GCM", ...(typeof verifierJwk.kid === "string" ? { kid: verifierJwk.kid } : {}) })
        .encrypt(await importJWK(verifierJwk, "ECDH-ES"));
      return { response: jwe };
    },
  };
}

function parseAnnexC(data: Record<string, unknown>, holds: (doctype: string) => boolean): ParsedWalletRequest | null {
  const request = annexCRequestSchema.safeParse(data);
  if (!request.success) return null;
  const deviceRequest = DeviceRequest.decode(base64url.decode(request.data.deviceRequest));
  const itemsRequest = deviceRequest.docRequests.map((docRequest) => docRequest.itemsRequest).find((items) => holds(items.docType));
  const doctype = itemsRequest && walletDoctypeOf(itemsRequest.docType);
  if (!itemsRequest || !doctype) return null;
  const info = z.tuple([z.literal("dcapi"), z.map(z.string(), z.unknown())]).parse(cborDecode(base64url.decode(request.data.encryptionInfo), { mapsAsObjects: false }));
  const recipient = CoseKey.fromEncodedStructure(z.instanceof(Map).parse(info[1].get("recipientPublicKey")));
  return {
    protocol: ANNEX_C_PROTOCOL,
    doctype,
    elements: [...(itemsRequest.namespaces.get(doctype.namespace)?.keys() ?? [])],
    transcriptFor: (origin) => annexCSessionTranscript({ encryptionInfo: request.data.encryptionInfo, origin }),
    encrypt: async (deviceResponse, sessionTranscript) => {
      const recipientPublicKey = await hpkeSuite.kem.importKey("jwk", { ...recipient.jwk }, true);
      const sealed = await hpkeSuite.seal({ recipientPublicKey, info: sessionTranscript.encode() }, deviceResponse);
      const envelope = cborEncode(["dcapi", new Map<string, Uint8Array>([["enc", new Uint8Array(sealed.enc)], ["cipherText", new Uint8Array(sealed.ct)]])]);
      return { response: base64url.encode(envelope) };
    },
  };
}

/** The first request this wallet can answer, in the page's order (a phone offers its own choice; the sandbox takes the first, or the protocol asked for). */
export function parseWalletRequests(requests: WalletRequests, holds: (doctype: string) => boolean, protocol?: string): ParsedWalletRequest | null {
  for (const request of requests) {
    if (protocol && request.protocol !== protocol) continue;
    const parsed = request.protocol === OID4VP_PROTOCOL ? parseOid4vp(request.data, holds) : request.protocol === ANNEX_C_PROTOCOL ? parseAnnexC(request.data, holds) : null;
    if (parsed) return parsed;
  }
  return null;
}

/**
 * Presents a held document for a parsed request: only the asked elements disclosed, the DeviceAuthentication
 * signed with the device key, encrypted as the protocol says.
 */
export async function presentDocument(options: {
  request: ParsedWalletRequest;
  issuerSigned: IssuerSigned;
  deviceKey: CoseKey;
  /** The origin the device signs for: the page's, or another one to prove the verifier refuses it. */
  origin: string;
  /** SIGNATURE, as every wallet does online; MAC only to prove the verifier refuses a presentation without a device signature. */
  authentication?: "SIGNATURE" | "MAC";
}): Promise<{ response: Record<string, unknown>; deviceResponse: Uint8Array }> {
  const { request } = options;
  const sessionTranscript = await request.transcriptFor(options.origin);
  // A wallet discloses what it holds of what was asked; an element the document lacks is simply not returned.
  const held = new Set((options.issuerSigned.getIssuerNamespace(request.doctype.namespace) ?? []).map((item) => item.elementIdentifier));
  const disclosed = request.elements.filter((element) => held.has(element));
  const itemsRequest = ItemsRequest.create({ docType: request.doctype.doctype, namespaces: { [request.doctype.namespace]: Object.fromEntries(disclosed.map((element) => [element, false])) } });
  const deviceRequest = DeviceRequest.create({ version: "1.0", docRequests: [DocRequest.create({ itemsRequest })] });
  const authentication = options.authentication === "MAC" ? { mac: { ephemeralKey: options.deviceKey, signingKey: options.deviceKey } } : { signature: { signingKey: options.deviceKey } };
  const deviceResponse = (await DeviceResponse.createWithDeviceRequest({ deviceRequest, sessionTranscript, issuerSigned: [options.issuerSigned], ...authentication }, sandboxHolderContext)).encode();
  return { response: await request.encrypt(deviceResponse, sessionTranscript), deviceResponse };
}

/** The same document with one element's value swapped after signing (the MSO still holds the original's digest). */
export function tamperWithElement(genuine: IssuerSigned, altered: IssuerSigned): IssuerSigned {
  return IssuerSigned.create({ issuerNamespaces: altered.issuerNamespaces, issuerAuth: genuine.issuerAuth });
}
