import { DateOnly, DeviceResponse, type SessionTranscript, type VerificationAssessment } from "@owf/mdoc";
import { type ChainVerdict, nameField, verifierMdocContext } from "@/lib/wallet/mdoc/mdoc-context";
import { walletDoctypeOf, type WalletDoctype } from "@/lib/wallet/mdoc/wallet-doctypes";
import type { RequestedElements } from "@/lib/wallet/protocol/build-wallet-requests";
import { WALLET_CHECK_LABELS, type WalletCheck, type WalletCheckName } from "@/lib/verification/decision/wallet-checks";

export type VerifiedWalletDocument = {
  ok: true;
  doctype: WalletDoctype;
  /** The issuer-signed elements that were asked for; anything else the wallet sent is ignored. */
  elements: Record<string, unknown>;
  portrait: Uint8Array | null;
  issuer: { subject: string; commonName: string; country: string | null; state: string | null };
  trustAnchor: { subject: string; commonName: string; fingerprint: string };
  checks: WalletCheck[];
  expiryDate: string | null;
};
export type RefusedWalletDocument = { ok: false; reason: string; checks: WalletCheck[] };

/** Which of our checks a failed assessment of @owf/mdoc belongs to (by its category and wording). */
function checkOf(assessment: VerificationAssessment): WalletCheckName | null {
  if (assessment.category === "DEVICE_AUTH") return "DEVICE_SIGNATURE";
  if (assessment.category === "DATA_INTEGRITY") {
    if (assessment.check.includes("digest")) return "ELEMENT_DIGESTS";
    // issuing_country / issuing_jurisdiction naming another country or state than the signer's certificate.
    if (assessment.check.includes("issuing_")) return "TRUSTED_ISSUER";
    return "ISSUER_SIGNATURE";
  }
  if (assessment.category === "ISSUER_AUTH") {
    if (assessment.check.includes("certificate must be valid")) return /is not valid at|has expired or is not yet valid/.test(assessment.reason ?? "") ? "CERTIFICATE_VALIDITY" : "TRUSTED_ISSUER";
    if (assessment.check.includes("MSO")) return "SIGNATURE_VALIDITY";
    return "ISSUER_SIGNATURE";
  }
  if (assessment.category === "DOCUMENT_FORMAT") return "DOCTYPE";
  return null;
}

const REFUSALS: Record<WalletCheckName, string> = {
  TRUSTED_ISSUER: "This ID was not issued by an authority on the trust list.",
  CERTIFICATE_VALIDITY: "The issuer's certificate for this ID has expired or is not valid yet.",
  ISSUER_SIGNATURE: "The issuer's signature on this ID does not verify.",
  ELEMENT_DIGESTS: "Data in this ID was altered after the issuer signed it.",
  SIGNATURE_VALIDITY: "The issuer's signature on this ID has expired or is not valid yet.",
  DOCUMENT_EXPIRY: "This ID has expired.",
  DEVICE_SIGNATURE: "The wallet's signature does not cover this request from this site (a response made elsewhere, or replayed).",
  DOCTYPE: "This kind of digital ID is not accepted, or it is not the one that was asked for.",
};

function isoDate(value: unknown): string | null {
  if (value instanceof DateOnly) return value.toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}

/**
 * Verifies one DeviceResponse fully and offline with @owf/mdoc: the issuer's COSE signature over the mobile
 * security object, its certificate to a trusted IACA root, every returned element against its digest, the MSO's
 * validity window, the device signature over this request's transcript (origin, nonce, our key). On top: exactly one
 * document, a doctype we accept and asked for, the MSO naming the same doctype, a signature (not a MAC), and the
 * document's own expiry_date. Returns every check with its outcome, and the first failure's reason.
 */
export async function verifyDeviceResponse(input: { deviceResponse: Uint8Array; sessionTranscript: SessionTranscript; trustedCertificates: Uint8Array[]; requested: RequestedElements; now?: Date }): Promise<VerifiedWalletDocument | RefusedWalletDocument> {
  const now = input.now ?? new Date();
  const failed = new Set<WalletCheckName>();
  const refuse = (name: WalletCheckName, reason = REFUSALS[name]): RefusedWalletDocument => {
    failed.add(name);
    return { ok: false, reason, checks: (Object.keys(WALLET_CHECK_LABELS) as WalletCheckName[]).map((check) => ({ check, passed: !failed.has(check) })) };
  };
  let response: DeviceResponse;
  try {
    response = DeviceResponse.decode(input.deviceResponse);
  } catch {
    return refuse("DOCTYPE", "The wallet's answer is not a readable mobile document.");
  }
  const documents = response.documents ?? [];
  if (response.status !== 0 || documents.length !== 1) return refuse("DOCTYPE", documents.length === 0 ? "The wallet shared no document." : "The wallet's answer must carry exactly one document.");
  const document = documents[0]!;
  const doctype = walletDoctypeOf(document.docType);
  if (!doctype || !input.requested[doctype.doctype]) return refuse("DOCTYPE");
  const mso = document.issuerSigned.issuerAuth.mobileSecurityObject;
  if (mso.docType !== document.docType) return refuse("DOCTYPE", "The document's signed type differs from the type it claims.");
  if (!document.deviceSigned.deviceAuth.deviceSignature) return refuse("DEVICE_SIGNATURE", "The wallet did not sign this presentation with the document's device key.");

  // Filled in by the chain check during verify (a holder: TypeScript does not see a callback's assignment).
  const chain: { verdict: ChainVerdict | null } = { verdict: null };
  const assessments: VerificationAssessment[] = [];
  await response
    .verify({ sessionTranscript: input.sessionTranscript, trustedCertificates: input.trustedCertificates, now, onCheck: (assessment) => assessments.push(assessment) }, verifierMdocContext((verdict) => (chain.verdict = verdict)))
    .catch(() => assessments.push({ status: "FAILED", category: "ISSUER_AUTH", check: "Issuer auth signature is invalid" }));
  for (const assessment of assessments.filter((item) => item.status === "FAILED")) {
    const name = checkOf(assessment);
    if (name) failed.add(name);
  }
  const { verdict } = chain;
  if (!verdict && !failed.has("CERTIFICATE_VALIDITY")) failed.add("TRUSTED_ISSUER");
  const firstFailure = (["ELEMENT_DIGESTS", "CERTIFICATE_VALIDITY", "TRUSTED_ISSUER", "ISSUER_SIGNATURE", "SIGNATURE_VALIDITY", "DEVICE_SIGNATURE", "DOCTYPE"] as const).find((name) => failed.has(name));
  if (firstFailure || !verdict) return refuse(firstFailure ?? "TRUSTED_ISSUER");


  // ISO 18013-5 Annex B: an mDL's document signer carries the mdlDS extended key usage; a root may have issued
  // certificates for other purposes (a TLS server, a reader), which must not sign licences.
  if (doctype.signerKeyUsage && !(verdict.signer.keyUsage ?? []).includes(doctype.signerKeyUsage)) {
    return refuse("TRUSTED_ISSUER", "This ID was signed with a certificate that is not a document signer for it.");
  }
  const asked = new Set(input.requested[doctype.doctype]);
  const elements: Record<string, unknown> = {};
  for (const item of document.issuerSigned.getIssuerNamespace(doctype.namespace) ?? []) {
    if (asked.has(item.elementIdentifier)) elements[item.elementIdentifier] = item.elementValue;
  }
  const expiryDate = isoDate(elements.expiry_date);
  if (!expiryDate || expiryDate < now.toISOString().slice(0, 10)) return refuse("DOCUMENT_EXPIRY");
  const portrait = elements[doctype.portraitElement];
  delete elements[doctype.portraitElement];
  const { signer, anchor } = verdict;
  return {
    ok: true,
    doctype,
    elements,
    portrait: portrait instanceof Uint8Array ? portrait : null,
    issuer: { subject: signer.subject, commonName: nameField(signer.subject, "CN")[0] ?? signer.subject, country: nameField(signer.subject, "C")[0] ?? null, state: nameField(signer.subject, "ST")[0] ?? null },
    trustAnchor: { subject: anchor.subject, commonName: nameField(anchor.subject, "CN")[0] ?? anchor.subject, fingerprint: anchor.fingerprint256.replaceAll(":", "").toLowerCase() },
    checks: (Object.keys(WALLET_CHECK_LABELS) as WalletCheckName[]).map((check) => ({ check, passed: true })),
    expiryDate,
  };
}
