/**
 * The checks a wallet presentation passes (lib/wallet/verify runs them); named here, with the decision that
 * explains them, so the decision never reaches into the wallet code.
 */

/** One check as the agent reads it: what was checked, and whether it passed. */
export type WalletCheck = { check: WalletCheckName; passed: boolean };
export type WalletCheckName = "ISSUER_SIGNATURE" | "TRUSTED_ISSUER" | "CERTIFICATE_VALIDITY" | "ELEMENT_DIGESTS" | "SIGNATURE_VALIDITY" | "DOCUMENT_EXPIRY" | "DEVICE_SIGNATURE" | "DOCTYPE";

export const WALLET_CHECK_LABELS: Record<WalletCheckName, string> = {
  ISSUER_SIGNATURE: "issuer's signature over the data",
  TRUSTED_ISSUER: "issuer certificate chains to a trusted IACA root",
  CERTIFICATE_VALIDITY: "issuer's certificates within their validity",
  ELEMENT_DIGESTS: "every returned element matches its signed digest",
  SIGNATURE_VALIDITY: "issuer signature within its validity window",
  DOCUMENT_EXPIRY: "document not expired",
  DEVICE_SIGNATURE: "device signature over this site and this request",
  DOCTYPE: "document type and namespace accepted",
};
