import { describe, expect, it } from "vitest";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import { ASSURANCE_LEVELS, meetsAssurance } from "@/lib/verification/assurance/assurance-levels";
import { type AssuranceInput, computeAssurance } from "@/lib/verification/assurance/compute-assurance";

const passport = { kind: "MRZ_TD3", accepted: true };
const licence = { kind: "AAMVA", accepted: true };
const rejected = { kind: "AAMVA", accepted: false };
const liveFace: FaceEvidence = { portraitSource: "PASSPORT_PHOTO_PAGE", similarity: 0.78, threshold: 0.6, antispoofScore: 0.93, livenessScore: 0.88, challengePassed: true, passed: true, reasons: [] };
const otherPerson: FaceEvidence = { ...liveFace, similarity: 0.31, passed: false, reasons: ["similarity 0.31 below the threshold 0.60"] };
const replay: FaceEvidence = { ...liveFace, challengePassed: false, passed: false, reasons: [] };
// A "passed" flag with numbers that contradict it is not trusted.
const inconsistent: FaceEvidence = { ...liveFace, similarity: 0.5 };
const licenceFace: FaceEvidence = { ...liveFace, portraitSource: "LICENCE_FRONT" };

const POSSESSION = [null, { channel: "SMS" as const }, { channel: "EMAIL" as const }];
const DOCUMENTS = [null, passport, rejected];
const FACES = [null, liveFace, otherPerson, replay, inconsistent, licenceFace];

/** The expected level, written out independently of the implementation's reduce. */
function expected(input: AssuranceInput) {
  const documentOk = input.document?.accepted === true;
  const faceBound = documentOk && input.face?.passed && input.face.challengePassed && input.face.similarity >= input.face.threshold && input.face.portraitSource === "PASSPORT_PHOTO_PAGE";
  if (faceBound) return "DOCUMENT_AND_LIVE_FACE";
  if (documentOk) return "DOCUMENT_DATA";
  if (input.possession) return "POSSESSION_ONLY";
  return "NONE";
}

describe("computeAssurance", () => {
  for (const possession of POSSESSION) {
    for (const document of DOCUMENTS) {
      for (const face of FACES) {
        const input: AssuranceInput = { possession, document, face };
        const name = `code ${possession?.channel ?? "none"}, document ${document ? (document.accepted ? document.kind : "rejected") : "none"}, face ${face ? `${face.portraitSource}/${face.similarity}/${face.passed}/${face.challengePassed}` : "none"}`;
        it(name, () => {
          const assurance = computeAssurance(input);
          expect(assurance.level).toBe(expected(input));
          expect(assurance.reasons).toHaveLength(assurance.evidence.length || 1);
        });
      }
    }
  }

  it("says why document data is weak, and how the face bound the person", () => {
    const assurance = computeAssurance({ possession: { channel: "SMS" }, document: passport, face: liveFace });
    expect(assurance).toMatchObject({ level: "DOCUMENT_AND_LIVE_FACE", label: "document and live face" });
    expect(assurance.reasons).toEqual([
      "Code confirmed by text message: proves control of the phone number, not who holds it (SIM swap, shared phone).",
      "Document data read by machine, not authenticated: anyone can print an MRZ with someone else's details.",
      "Live face matched the passport portrait (similarity 0.78, threshold 0.60, liveness passed, challenge passed).",
    ]);
    expect(computeAssurance({ possession: null, document: licence, face: null }).reasons).toEqual(["Document data read by machine, not authenticated: anyone can print a barcode with someone else's details."]);
  });

  it("a licence portrait binds a licence read; a passport portrait does not", () => {
    expect(computeAssurance({ possession: null, document: licence, face: licenceFace }).level).toBe("DOCUMENT_AND_LIVE_FACE");
    const crossed = computeAssurance({ possession: null, document: licence, face: liveFace });
    expect(crossed.level).toBe("DOCUMENT_DATA");
    expect(crossed.reasons[1]).toMatch(/not bound to the document read/);
  });

  it("a failed face gives the face reason", () => {
    expect(computeAssurance({ possession: null, document: passport, face: otherPerson }).reasons[1]).toBe("Live face did not match the passport portrait (similarity 0.31 below the threshold 0.60).");
    expect(computeAssurance({ possession: null, document: passport, face: replay }).reasons[1]).toMatch(/challenge was not performed/);
    expect(computeAssurance({ possession: null, document: null, face: liveFace }).reasons[0]).toMatch(/no accepted document/);
  });

  it("an agent-attended check counts only with the portrait compared against an accepted document", () => {
    expect(computeAssurance({ possession: { channel: "EMAIL" }, document: licence, face: null, agentCheck: { method: "VIDEO_CALL", portraitCompared: true } })).toMatchObject({ level: "AGENT_ATTENDED" });
    expect(computeAssurance({ possession: { channel: "EMAIL" }, document: licence, face: null, agentCheck: { method: "IN_PERSON", portraitCompared: false } }).level).toBe("DOCUMENT_DATA");
    expect(computeAssurance({ possession: null, document: rejected, face: null, agentCheck: { method: "IN_PERSON", portraitCompared: true } }).level).toBe("NONE");
    // A live face outranks the agent; both listed.
    const both = computeAssurance({ possession: null, document: passport, face: liveFace, agentCheck: { method: "VIDEO_CALL", portraitCompared: true } });
    expect(both.level).toBe("DOCUMENT_AND_LIVE_FACE");
    expect(both.evidence.map((rated) => rated.evidence)).toEqual(["ID_DOCUMENT", "AGENT_CHECK", "LIVE_FACE"]);
  });

  it("signed evidence needs a valid signature and holder binding", () => {
    const issuer = "California DMV";
    expect(computeAssurance({ possession: null, document: null, face: null, signedCredential: { issuer, signatureValid: true, holderBound: true } }).level).toBe("SIGNED_EVIDENCE");
    expect(computeAssurance({ possession: null, document: null, face: null, signedCredential: { issuer, signatureValid: true, holderBound: false } }).level).toBe("DOCUMENT_DATA");
    expect(computeAssurance({ possession: { channel: "SMS" }, document: null, face: null, signedCredential: { issuer, signatureValid: false, holderBound: true } }).level).toBe("POSSESSION_ONLY");
  });

  it("no evidence at all is NONE, with a reason", () => {
    expect(computeAssurance({ possession: null, document: null, face: null })).toEqual({ level: "NONE", label: "none", reasons: ["No evidence was confirmed."], evidence: [] });
  });

  it("the ladder is ordered", () => {
    for (const [index, level] of ASSURANCE_LEVELS.entries()) {
      for (const other of ASSURANCE_LEVELS.slice(index + 1)) {
        expect(meetsAssurance(other, level)).toBe(true);
        expect(meetsAssurance(level, other)).toBe(false);
      }
    }
  });
});
