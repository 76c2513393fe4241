/**
 * The two ways a browser's Digital Credentials API carries an mdoc, both asked for at once (the wallet picks):
 * OpenID4VP 1.0 without a signed request (Chrome, Edge and Android wallets; Appendix A.2 and B.2.6) and ISO/IEC TS
 * 18013-7 Annex C (`org-iso-mdoc`: Safari and Apple Wallet, also Chrome). Both encrypt the response to a key of
 * ours made for this one request, and both bind the device signature to the page's origin and our nonce.
 */
export const OID4VP_PROTOCOL = "openid4vp-v1-unsigned";
export const ANNEX_C_PROTOCOL = "org-iso-mdoc";
export const WALLET_PROTOCOLS = [OID4VP_PROTOCOL, ANNEX_C_PROTOCOL] as const;
export type WalletProtocol = (typeof WALLET_PROTOCOLS)[number];

/** One entry of `navigator.credentials.get({ digital: { requests } })`. */
export type DigitalCredentialRequest = { protocol: WalletProtocol; data: Record<string, unknown> };

/** A wallet request stays answerable this long: a person opening their wallet and consenting, no more. */
export const WALLET_REQUEST_LIFETIME_MS = 5 * 60_000;

/** The COSE algorithms we accept for the issuer's and the device's signatures: ES256, ES384, ES512, EdDSA. */
export const ACCEPTED_COSE_ALGORITHMS = [-7, -35, -36, -8] as const;
