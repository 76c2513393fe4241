import { Aes128Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from "@hpke/core";
import { base64url, cborDecode, type SessionTranscript } from "@owf/mdoc";
import { compactDecrypt, importJWK, type JWK } from "jose";
import { z } from "zod";
import type { WalletRequestSecrets } from "@/lib/wallet/protocol/build-wallet-requests";
import { annexCSessionTranscript, oid4vpSessionTranscript } from "@/lib/wallet/protocol/session-transcripts";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";

/** A response that cannot be opened: the message is the employee's (and the audit log's) reason. */
export class WalletResponseError extends Error {}

/** What navigator.credentials.get resolved to, as the page posts it (older browsers hand `data` over as a string). */
export const digitalCredentialSchema = z.object({
  protocol: z.string().max(64),
  data: z.union([z.record(z.string(), z.unknown()), z.string().max(400_000).transform((text, context) => {
    try {
      return z.record(z.string(), z.unknown()).parse(JSON.parse(text));
    } catch {
      context.addIssue({ code: "custom", message: "The wallet's answer is not JSON." });
      return z.NEVER;
    }
  })]),
});
export type DigitalCredentialResponse = z.infer<typeof digitalCredentialSchema>;

export type OpenedWalletResponse = { protocol: typeof OID4VP_PROTOCOL | typeof ANNEX_C_PROTOCOL; deviceResponse: Uint8Array; sessionTranscript: SessionTranscript };

const MAX_RESPONSE_CHARS = 400_000;
const encryptedResponseSchema = z.object({ response: z.string().min(1).max(MAX_RESPONSE_CHARS) });
// OpenID4VP 1.0: one array of presentations per credential query id; drafts before it sent a bare string.
const vpTokenSchema = z.object({ vp_token: z.record(z.string(), z.union([z.string(), z.array(z.string()).length(1)])) });
const hpkeSuite = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });

function decodeBase64url(text: string, what: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new WalletResponseError(`The wallet's ${what} is not base64url.`);
  return base64url.decode(text);
}

/** OpenID4VP, response_mode dc_api.jwt: a JWE (ECDH-ES to our one-time key) around { vp_token }. */
async function openOid4vp(data: Record<string, unknown>, secrets: WalletRequestSecrets, origin: string): Promise<OpenedWalletResponse> {
  const encrypted = encryptedResponseSchema.safeParse(data);
  // An unencrypted vp_token was not what we asked for (dc_api.jwt): refused, not quietly accepted.
  if (!encrypted.success) throw new WalletResponseError("The wallet's answer is not the encrypted response that was asked for.");
  const key = await importJWK(secrets.oid4vpPrivateJwk as JWK, "ECDH-ES");
  const opened = await compactDecrypt(encrypted.data.response, key, { keyManagementAlgorithms: ["ECDH-ES"], contentEncryptionAlgorithms: ["A128GCM", "A256GCM"] }).catch(() => {
    throw new WalletResponseError("The wallet's answer was not encrypted to this request's key (made for another request, or altered).");
  });
  if (opened.protectedHeader.kid !== undefined && opened.protectedHeader.kid !== secrets.oid4vpThumbprint) throw new WalletResponseError("The wallet's answer names another request's key.");
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(opened.plaintext));
  } catch {
    throw new WalletResponseError("The wallet's decrypted answer is not JSON.");
  }
  const token = vpTokenSchema.safeParse(payload);
  if (!token.success) throw new WalletResponseError("The wallet's answer carries no vp_token.");
  const presentations = Object.values(token.data.vp_token);
  if (presentations.length !== 1) throw new WalletResponseError("The wallet's answer must carry exactly one document.");
  const presentation = presentations[0]!;
  const encoded = typeof presentation === "string" ? presentation : presentation[0]!;
  const sessionTranscript = await oid4vpSessionTranscript({ origin, nonce: secrets.nonce, jwkThumbprint: base64url.decode(secrets.oid4vpThumbprint) });
  return { protocol: OID4VP_PROTOCOL, deviceResponse: decodeBase64url(encoded, "document"), sessionTranscript };
}

const annexCEnvelopeSchema = z.tuple([z.literal("dcapi"), z.map(z.string(), z.unknown())]);

/** ISO 18013-7 Annex C: CBOR ["dcapi", { enc, cipherText }], HPKE (P-256, HKDF-SHA256, AES-128-GCM) with the transcript as info. */
async function openAnnexC(data: Record<string, unknown>, secrets: WalletRequestSecrets, origin: string): Promise<OpenedWalletResponse> {
  const encrypted = encryptedResponseSchema.safeParse(data);
  if (!encrypted.success) throw new WalletResponseError("The wallet's answer carries no encrypted response.");
  let envelope: z.infer<typeof annexCEnvelopeSchema>;
  try {
    const decoded: unknown = cborDecode(decodeBase64url(encrypted.data.response, "response"), { mapsAsObjects: false });
    envelope = annexCEnvelopeSchema.parse(decoded);
  } catch (error) {
    if (error instanceof WalletResponseError) throw error;
    throw new WalletResponseError("The wallet's answer is not an Annex C encrypted response.");
  }
  const enc = envelope[1].get("enc");
  const cipherText = envelope[1].get("cipherText");
  if (!(enc instanceof Uint8Array) || !(cipherText instanceof Uint8Array)) throw new WalletResponseError("The wallet's answer lacks its HPKE key or cipher text.");
  const sessionTranscript = await annexCSessionTranscript({ encryptionInfo: secrets.encryptionInfo, origin });
  const recipientKey = await hpkeSuite.kem.importKey("jwk", { ...secrets.annexCPrivateJwk }, false);
  const plaintext = await hpkeSuite.open({ recipientKey, enc, info: sessionTranscript.encode() }, cipherText).catch(() => {
    throw new WalletResponseError("The wallet's answer was not encrypted for this request and this site (made for another request, or altered).");
  });
  return { protocol: ANNEX_C_PROTOCOL, deviceResponse: new Uint8Array(plaintext), sessionTranscript };
}

/**
 * Decrypts a wallet's answer with the request's one-time key and returns the DeviceResponse with the transcript
 * its device signature must cover: our nonce, our key and the origin this server serves (never one the page names).
 */
export async function openWalletResponse(credential: DigitalCredentialResponse, secrets: WalletRequestSecrets, origin: string): Promise<OpenedWalletResponse> {
  if (credential.protocol === OID4VP_PROTOCOL) return openOid4vp(credential.data, secrets, origin);
  if (credential.protocol === ANNEX_C_PROTOCOL) return openAnnexC(credential.data, secrets, origin);
  throw new WalletResponseError("The wallet answered in a protocol that was not asked for.");
}
