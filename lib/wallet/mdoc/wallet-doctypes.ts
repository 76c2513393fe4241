import type { ClaimName } from "@/lib/verification/claims";

/**
 * The mobile documents verifyd accepts, each with the namespace its holder data is in and the data element that
 * carries each of our claims. The mDL is ISO/IEC 18013-5 (Apple, Google and Samsung wallets, US state apps); the
 * EU PID is the European Digital Identity Wallet's person identification data in its mdoc encoding (EUDI ARF,
 * PID Rulebook), whose element names follow the mDL's.
 */
export type WalletDoctype = {
  doctype: string;
  namespace: string;
  label: string;
  /** Our claim → the element that carries it (absent: the document does not carry that claim). */
  claimElements: Partial<Record<ClaimName, string>>;
  /** Always asked for: what the integrity checks and the agent's row need. */
  documentElements: readonly string[];
  portraitElement: string;
  /** The extended key usage its document signer certificate must carry, where the standard defines one. */
  signerKeyUsage?: string;
};

export const MDL_DOCTYPE: WalletDoctype = {
  doctype: "org.iso.18013.5.1.mDL",
  namespace: "org.iso.18013.5.1",
  label: "mobile driving licence",
  claimElements: {
    firstName: "given_name",
    lastName: "family_name",
    dateOfBirth: "birth_date",
    street: "resident_address",
    city: "resident_city",
    state: "resident_state",
    postalCode: "resident_postal_code",
    country: "resident_country",
  },
  documentElements: ["document_number", "expiry_date", "issuing_authority", "issuing_country"],
  portraitElement: "portrait",
  // id-mdl-kp-mdlDS (ISO/IEC 18013-5 Annex B.1.4).
  signerKeyUsage: "1.0.18013.5.1.2",
};

export const EU_PID_DOCTYPE: WalletDoctype = {
  doctype: "eu.europa.ec.eudi.pid.1",
  namespace: "eu.europa.ec.eudi.pid.1",
  label: "EU digital identity (PID)",
  claimElements: {
    firstName: "given_name",
    lastName: "family_name",
    dateOfBirth: "birth_date",
    street: "resident_street",
    city: "resident_city",
    state: "resident_state",
    postalCode: "resident_postal_code",
    country: "resident_country",
  },
  documentElements: ["document_number", "expiry_date", "issuing_authority", "issuing_country"],
  portraitElement: "portrait",
};

export const WALLET_DOCTYPES: readonly WalletDoctype[] = [MDL_DOCTYPE, EU_PID_DOCTYPE];

export function walletDoctypeOf(doctype: string): WalletDoctype | null {
  return WALLET_DOCTYPES.find((known) => known.doctype === doctype) ?? null;
}

/** The elements to ask one doctype for: the claims the policy compares, the document's own, the portrait when a face is matched. */
export function elementsToRequest(doctype: WalletDoctype, claims: readonly ClaimName[], portrait: boolean): string[] {
  const wanted = claims.map((claim) => doctype.claimElements[claim]).filter((element): element is string => Boolean(element));
  return [...new Set([...wanted, ...doctype.documentElements, ...(portrait ? [doctype.portraitElement] : [])])];
}

/** How the employee's page names what the wallet is asked to share (mDL and PID element names coincide). */
const ELEMENT_LABELS: Record<string, string> = {
  given_name: "first name",
  family_name: "last name",
  birth_date: "date of birth",
  resident_address: "street address",
  resident_street: "street address",
  resident_city: "city",
  resident_state: "state",
  resident_postal_code: "postal code",
  resident_country: "country",
  document_number: "licence number",
  expiry_date: "expiry date",
  issuing_authority: "issuing authority",
  issuing_country: "issuing country",
  portrait: "photo",
};

/** The mDL's asked elements in words, each once, in request order ("first name, last name, date of birth, …"). */
export function describeRequestedElements(elements: readonly string[]): string[] {
  return [...new Set(elements.map((element) => ELEMENT_LABELS[element] ?? element.replaceAll("_", " ")))];
}
