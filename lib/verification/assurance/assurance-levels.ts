import type { VerificationPurpose } from "@/lib/db/generated/enums";

/**
 * How strongly a verification ties the person in front of the screen to the account, lowest first. Shaped after
 * NIST SP 800-63A-4 (evidence strength, validation, verification/binding), not a claim of any IAL:
 * - NONE: nothing counted (every check failed or was left out).
 * - POSSESSION_ONLY: a code reached an address on record; proves the phone or mailbox, not the person.
 * - DOCUMENT_DATA: a document's machine-readable data passed its checks; the data is public-rule text anyone can
 *   print (PDF417, MRZ), so it proves knowledge of the details, not possession of the document.
 * - AGENT_ATTENDED: a helpdesk agent compared the person with the document's portrait (video call or in person).
 *   Below a live face on purpose: the agent is the target of the social engineering this product exists to stop,
 *   and a video call can be a deepfake; it is the path for people who cannot use the camera step.
 * - DOCUMENT_AND_LIVE_FACE: the document plus a live selfie matched to its portrait with presentation-attack
 *   detection and a server-issued challenge (IAL2-like, remote unattended).
 * - SIGNED_EVIDENCE: an issuer-signed digital ID presented with holder binding (wallet IDs, a later issue).
 */
export const ASSURANCE_LEVELS = ["NONE", "POSSESSION_ONLY", "DOCUMENT_DATA", "AGENT_ATTENDED", "DOCUMENT_AND_LIVE_FACE", "SIGNED_EVIDENCE"] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

/** How the agent's page says it: "Assurance: document and live face". */
export const ASSURANCE_LABELS: Record<AssuranceLevel, string> = {
  NONE: "none",
  POSSESSION_ONLY: "possession code only",
  DOCUMENT_DATA: "document data only (not authenticated)",
  AGENT_ATTENDED: "agent-attended check",
  DOCUMENT_AND_LIVE_FACE: "document and live face",
  SIGNED_EVIDENCE: "signed digital ID",
};

export function assuranceRank(level: AssuranceLevel): number {
  return ASSURANCE_LEVELS.indexOf(level);
}

export function meetsAssurance(level: AssuranceLevel, minimum: AssuranceLevel): boolean {
  return assuranceRank(level) >= assuranceRank(minimum);
}

export function higherAssurance(a: AssuranceLevel, b: AssuranceLevel): AssuranceLevel {
  return assuranceRank(a) >= assuranceRank(b) ? a : b;
}

/** The purposes a policy sets a minimum for, in the words of the refusal ("… requires for self-service recovery"). */
export const ASSURANCE_PURPOSE_LABELS: Record<VerificationPurpose, string> = {
  HELPDESK_CHECK: "a helpdesk identity check",
  PASSWORD_RESET: "a password reset by the service desk",
  MFA_RESET: "an MFA reset by the service desk",
  ACCOUNT_RECOVERY: "self-service recovery",
  IDP_VERIFICATION: "a verification the identity provider asked for",
};
