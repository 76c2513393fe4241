import { createHash } from "node:crypto";
import { cborEncode, SessionTranscript } from "@owf/mdoc";
import { z } from "zod";
import { verifierMdocContext } from "@/lib/wallet/mdoc/mdoc-context";

type Handover = SessionTranscript["handover"];

/**
 * The SessionTranscript the device signs for OpenID4VP over the Digital Credentials API (OpenID4VP 1.0 B.2.6.2):
 * [null, null, ["OpenID4VPDCAPIHandover", SHA-256(CBOR([origin, nonce, jwkThumbprint]))]]. The origin is the page's
 * as the browser reported it to the wallet, so a response made for another site, or for another nonce, fails.
 */
export async function oid4vpSessionTranscript(options: { origin: string; nonce: string; jwkThumbprint: Uint8Array }): Promise<SessionTranscript> {
  return SessionTranscript.forOid4VpDcApi(options, verifierMdocContext(() => undefined));
}

let dcapiHandoverClass: Promise<new (infoHash: Uint8Array) => Handover> | null = null;

/**
 * ISO/IEC TS 18013-7 Annex C's handover, ["dcapi", SHA-256(CBOR(dcapiInfo))]. @owf/mdoc 0.6.0 has no class for it
 * (its next release adds IsoMdocDcApiHandover, this one's twin) and does not export the Handover base class, so this
 * derives from the OpenID4VP DC API handover (same shape: a literal and a hash) and only replaces its encoding.
 * Replace with the library's class once it is released.
 */
function dcapiHandover(): Promise<new (infoHash: Uint8Array) => Handover> {
  dcapiHandoverClass ??= oid4vpSessionTranscript({ origin: "https://handover.invalid", nonce: "handover", jwkThumbprint: new Uint8Array(32) }).then((sample) => {
    const Base = sample.handover.constructor as new (infoHash: Uint8Array) => Handover;
    return class IsoMdocDcApiHandover extends Base {
      static get encodingSchema() {
        return z.codec(z.tuple([z.literal("dcapi"), z.instanceof(Uint8Array)]), z.instanceof(Uint8Array), {
          encode: (infoHash): ["dcapi", Uint8Array<ArrayBuffer>] => ["dcapi", infoHash],
          decode: ([, infoHash]) => infoHash,
        });
      }
    };
  });
  return dcapiHandoverClass;
}

/**
 * The SessionTranscript of ISO/IEC TS 18013-7 Annex C: [null, null, ["dcapi", SHA-256(CBOR([encryptionInfo, origin]))]],
 * with the base64url EncryptionInfo exactly as sent (it holds our nonce and our one-time HPKE key). Its CBOR
 * encoding is also the HPKE `info` the response was encrypted with.
 */
export async function annexCSessionTranscript(options: { encryptionInfo: string; origin: string }): Promise<SessionTranscript> {
  const infoHash = new Uint8Array(createHash("sha256").update(cborEncode([options.encryptionInfo, options.origin])).digest());
  const IsoMdocDcApiHandover = await dcapiHandover();
  return SessionTranscript.create({ handover: new IsoMdocDcApiHandover(infoHash) });
}
