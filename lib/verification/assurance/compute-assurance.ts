import type { FaceEvidence, PortraitSource } from "@/lib/face/face-analysis";
import { ASSURANCE_LABELS, type AssuranceLevel, higherAssurance } from "@/lib/verification/assurance/assurance-levels";

/** NIST SP 800-63A-4's three questions about each piece of evidence, in a few words each. */
export type EvidenceStrength = "NONE" | "WEAK" | "FAIR" | "STRONG" | "SUPERIOR";
/** How the evidence was validated: not at all, its data checked (check digits, dates), or a signature verified. */
export type EvidenceValidation = "NONE" | "DATA_CHECKS" | "SIGNATURE";
/** How the person was bound to it: not at all, by holding an address on record, by a live face, by an agent's eyes, by a holder key. */
export type EvidenceBinding = "NONE" | "POSSESSION" | "LIVE_FACE" | "AGENT" | "HOLDER_KEY";

export type RatedEvidence = {
  evidence: "POSSESSION_CODE" | "ID_DOCUMENT" | "LIVE_FACE" | "SIGNED_CREDENTIAL" | "AGENT_CHECK";
  strength: EvidenceStrength;
  validation: EvidenceValidation;
  binding: EvidenceBinding;
  /** The level this piece reaches on its own: NONE when it failed or binds nobody (listed, with why, but counts for nothing). */
  reaches: AssuranceLevel;
  reason: string;
};

export type Assurance = { level: AssuranceLevel; label: string; reasons: string[]; evidence: RatedEvidence[] };

export type AssuranceInput = {
  /** A confirmed possession code, by channel; null when none was confirmed. */
  possession: { channel: "EMAIL" | "SMS" } | null;
  /** The machine-read document on file; `accepted` = unexpired and passed its integrity checks. */
  document: { kind: string; accepted: boolean } | null;
  /** The live-face check (face-capture step), null when there was none. */
  face: FaceEvidence | null;
  /** An issuer-signed digital ID presented from a wallet (lib/wallet): its signature and device binding verified. */
  signedCredential?: { issuer: string; signatureValid: boolean; holderBound: boolean } | null;
  /** A helpdesk agent's attested check of the person against the document's portrait. */
  agentCheck?: { method: "VIDEO_CALL" | "IN_PERSON"; portraitCompared: boolean } | null;
};

const PORTRAIT_LABELS: Record<PortraitSource, string> = {
  PASSPORT_PHOTO_PAGE: "passport portrait",
  ID_CARD_FRONT: "ID card portrait",
  LICENCE_FRONT: "licence portrait",
  MDOC_PORTRAIT: "signed portrait of the wallet ID",
};

/** Which portraits belong to a document read in this format: a face matched to another document's portrait binds nothing. */
const PORTRAITS_OF_KIND: Record<string, readonly PortraitSource[]> = {
  AAMVA: ["LICENCE_FRONT", "ID_CARD_FRONT"],
  MRZ_TD3: ["PASSPORT_PHOTO_PAGE"],
  MRZ_TD2: ["ID_CARD_FRONT", "PASSPORT_PHOTO_PAGE"],
  MRZ_TD1: ["ID_CARD_FRONT"],
  MDOC: ["MDOC_PORTRAIT"],
};

const score = (value: number) => value.toFixed(2);

function ratePossession(possession: NonNullable<AssuranceInput["possession"]>): RatedEvidence {
  const reason =
    possession.channel === "SMS"
      ? "Code confirmed by text message: proves control of the phone number, not who holds it (SIM swap, shared phone)."
      : "Code confirmed at the work e-mail: proves access to the mailbox, not who reads it.";
  return { evidence: "POSSESSION_CODE", strength: "WEAK", validation: "NONE", binding: "POSSESSION", reaches: "POSSESSION_ONLY", reason };
}

function rateDocument(document: NonNullable<AssuranceInput["document"]>): RatedEvidence {
  if (!document.accepted) {
    return { evidence: "ID_DOCUMENT", strength: "NONE", validation: "DATA_CHECKS", binding: "NONE", reaches: "NONE", reason: "The document was not accepted (expired or failed its integrity checks): it counts for nothing." };
  }
  const printable = document.kind === "AAMVA" ? "a barcode" : "an MRZ";
  return {
    evidence: "ID_DOCUMENT",
    strength: "FAIR",
    validation: "DATA_CHECKS",
    binding: "NONE",
    reaches: "DOCUMENT_DATA",
    reason: `Document data read by machine, not authenticated: anyone can print ${printable} with someone else's details.`,
  };
}

function rateFace(face: FaceEvidence, document: AssuranceInput["document"]): RatedEvidence {
  const portrait = PORTRAIT_LABELS[face.portraitSource];
  const scores = `similarity ${score(face.similarity)}, threshold ${score(face.threshold)}`;
  const base = { evidence: "LIVE_FACE" as const, strength: "STRONG" as const, validation: "DATA_CHECKS" as const };
  const matched = face.passed && face.challengePassed && face.similarity >= face.threshold;
  if (!matched) {
    const why = face.reasons.length > 0 ? face.reasons.join("; ") : !face.challengePassed ? "the live challenge was not performed in time" : `${scores}`;
    return { ...base, binding: "NONE", reaches: "NONE", reason: `Live face did not match the ${portrait} (${why}).` };
  }
  if (!document?.accepted) {
    return { ...base, binding: "NONE", reaches: "NONE", reason: `A live face matched the ${portrait}, but no accepted document is on file to bind it to.` };
  }
  if (!(PORTRAITS_OF_KIND[document.kind] ?? []).includes(face.portraitSource)) {
    return { ...base, binding: "NONE", reaches: "NONE", reason: `The live face matched a ${portrait}, but the data came from a ${document.kind} document: the face is not bound to the document read.` };
  }
  return { ...base, binding: "LIVE_FACE", reaches: "DOCUMENT_AND_LIVE_FACE", reason: `Live face matched the ${portrait} (${scores}, liveness passed, challenge passed).` };
}

function rateSigned(signed: NonNullable<AssuranceInput["signedCredential"]>): RatedEvidence {
  const base = { evidence: "SIGNED_CREDENTIAL" as const, strength: "SUPERIOR" as const };
  if (!signed.signatureValid) return { ...base, strength: "NONE", validation: "NONE", binding: "NONE", reaches: "NONE", reason: `The digital ID's signature from ${signed.issuer} did not verify: it counts for nothing.` };
  // Authentic data, but nothing shows the presenter is its holder: as good as document data, no better.
  if (!signed.holderBound) return { ...base, validation: "SIGNATURE", binding: "NONE", reaches: "DOCUMENT_DATA", reason: `The digital ID is signed by ${signed.issuer}, but the presenter did not prove they hold it (no device binding).` };
  return { ...base, validation: "SIGNATURE", binding: "HOLDER_KEY", reaches: "SIGNED_EVIDENCE", reason: `Digital ID signed by ${signed.issuer}, presented from the holder's device.` };
}

function rateAgent(agent: NonNullable<AssuranceInput["agentCheck"]>, document: AssuranceInput["document"]): RatedEvidence {
  const how = agent.method === "VIDEO_CALL" ? "on a video call" : "in person";
  const base = { evidence: "AGENT_CHECK" as const, strength: "FAIR" as const, validation: "NONE" as const };
  if (!agent.portraitCompared) return { ...base, binding: "NONE", reaches: "NONE", reason: `An agent spoke with the person ${how} but did not compare them with the document's portrait.` };
  if (!document?.accepted) return { ...base, binding: "NONE", reaches: "NONE", reason: `An agent saw the person ${how}, but no accepted document is on file to compare them with.` };
  return { ...base, binding: "AGENT", reaches: "AGENT_ATTENDED", reason: `A helpdesk agent compared the person with the document's portrait ${how}.` };
}

/**
 * Rates each piece of evidence (strength, validation, binding) and returns the highest level the counted ones
 * reach together, with a reason per piece for the agent. Pure: the decision calls it with what the session holds.
 */
export function computeAssurance(input: AssuranceInput): Assurance {
  const evidence: RatedEvidence[] = [];
  if (input.possession) evidence.push(ratePossession(input.possession));
  // A wallet ID is rated once, as signed evidence: its data is not the printable kind rateDocument describes.
  if (input.document && input.document.kind !== "MDOC") evidence.push(rateDocument(input.document));
  if (input.agentCheck) evidence.push(rateAgent(input.agentCheck, input.document));
  if (input.face) evidence.push(rateFace(input.face, input.document));
  if (input.signedCredential) evidence.push(rateSigned(input.signedCredential));
  const level = evidence.reduce<AssuranceLevel>((highest, rated) => higherAssurance(highest, rated.reaches), "NONE");
  const reasons = evidence.length > 0 ? evidence.map((rated) => rated.reason) : ["No evidence was confirmed."];
  return { level, label: ASSURANCE_LABELS[level], reasons, evidence };
}
