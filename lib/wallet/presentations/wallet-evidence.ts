import { DateOnly } from "@owf/mdoc";
import type { DocumentEvidence } from "@/lib/verification/decision/evidence-claims";
import type { WalletCheck } from "@/lib/verification/decision/wallet-checks";
import type { VerifiedWalletDocument } from "@/lib/wallet/verify/verify-device-response";

/** What a decision and the agent's page read of a verified wallet ID (stored in the evidence row's `extracted`). */
export type WalletEvidence = {
  protocol: string;
  doctype: string;
  doctypeLabel: string;
  issuer: VerifiedWalletDocument["issuer"];
  trustAnchor: VerifiedWalletDocument["trustAnchor"];
  checks: WalletCheck[];
  /** The elements disclosed and used (names of elements, never their values). */
  elementsUsed: string[];
  portraitSigned: boolean;
};

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (value instanceof DateOnly) return value.toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return null;
}

/**
 * The verified elements as the same document shape a photographed licence or passport gives the matcher, so the
 * wallet path is decided by the same rules: names, birth date, address (only what the issuer signed and we asked for).
 */
export function walletDocumentEvidence(verified: VerifiedWalletDocument): DocumentEvidence & { documentType: string; expiryDate: string | null; documentNumber: string | null; checks: [] } {
  const element = (claim: keyof VerifiedWalletDocument["doctype"]["claimElements"]) => {
    const name = verified.doctype.claimElements[claim];
    return name ? text(verified.elements[name]) : null;
  };
  const street = element("street");
  const city = element("city");
  const state = element("state");
  const postalCode = element("postalCode");
  const country = element("country");
  const issuingCountry = text(verified.elements.issuing_country) ?? verified.issuer.country ?? "";
  return {
    kind: "MDOC",
    surname: element("lastName") ?? "",
    givenNames: element("firstName") ?? "",
    dateOfBirth: element("dateOfBirth"),
    issuingCountry,
    address: street || city || state || postalCode || country ? { street, city, state, postalCode, country } : null,
    documentType: verified.doctype.label,
    expiryDate: verified.expiryDate,
    documentNumber: text(verified.elements.document_number),
    checks: [],
  };
}

export function walletEvidenceOf(verified: VerifiedWalletDocument, protocol: string): WalletEvidence {
  return {
    protocol,
    doctype: verified.doctype.doctype,
    doctypeLabel: verified.doctype.label,
    issuer: verified.issuer,
    trustAnchor: verified.trustAnchor,
    checks: verified.checks,
    elementsUsed: Object.keys(verified.elements).sort(),
    portraitSigned: verified.portrait !== null,
  };
}
