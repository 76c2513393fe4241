import { describe, expect, it } from "vitest";
import { planVerificationStep, type VerificationFacts } from "@/lib/verification/requests/plan-verification-step";

const fresh: VerificationFacts = {
  status: "IN_PROGRESS",
  selfService: false,
  codeRequired: true,
  codeConfirmed: false,
  documentRequired: true,
  documentAccepted: false,
  claimsLeftToType: 0,
  detailsGiven: false,
  evidenceMatched: false,
  faceRequired: false,
  frontPending: false,
  facePassed: false,
  faceAvailable: true,
};

describe("planVerificationStep", () => {
  it("agent-sent links: code, document, details (only when something is left to type), decision", () => {
    expect(planVerificationStep(fresh)).toEqual({ kind: "ASK", step: "CODE" });
    expect(planVerificationStep({ ...fresh, codeConfirmed: true })).toEqual({ kind: "ASK", step: "DOCUMENT" });
    expect(planVerificationStep({ ...fresh, codeConfirmed: true, documentAccepted: true, claimsLeftToType: 2 })).toEqual({ kind: "ASK", step: "DETAILS" });
    expect(planVerificationStep({ ...fresh, codeConfirmed: true, documentAccepted: true, claimsLeftToType: 2, detailsGiven: true })).toEqual({ kind: "DECIDE" });
    expect(planVerificationStep({ ...fresh, codeConfirmed: true, documentAccepted: true })).toEqual({ kind: "DECIDE" });
    expect(planVerificationStep({ ...fresh, documentRequired: false, codeConfirmed: true, claimsLeftToType: 1 })).toEqual({ kind: "ASK", step: "DETAILS" });
  });

  it("self-service: document, details, match, then the code, then the decision; never a decision without the code", () => {
    const selfService = { ...fresh, selfService: true };
    expect(planVerificationStep(selfService)).toEqual({ kind: "ASK", step: "DOCUMENT" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, claimsLeftToType: 1 })).toEqual({ kind: "ASK", step: "DETAILS" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, claimsLeftToType: 1, detailsGiven: true })).toEqual({ kind: "MATCH_EVIDENCE" });
    // Finding 10: the document carried every enabled claim; the code is still to come.
    expect(planVerificationStep({ ...selfService, documentAccepted: true })).toEqual({ kind: "MATCH_EVIDENCE" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, evidenceMatched: true })).toEqual({ kind: "ASK", step: "CODE" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, evidenceMatched: true, codeConfirmed: true })).toEqual({ kind: "DECIDE" });
    expect(planVerificationStep({ ...selfService, codeRequired: false, documentAccepted: true })).toEqual({ kind: "DECIDE" });
  });

  it("a live face follows the document it is compared with; spent attempts move on to the decision, which fails on it", () => {
    const selfService = { ...fresh, selfService: true, faceRequired: true };
    expect(planVerificationStep(selfService)).toEqual({ kind: "ASK", step: "DOCUMENT" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, claimsLeftToType: 1 })).toEqual({ kind: "ASK", step: "FACE" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, claimsLeftToType: 1, facePassed: true })).toEqual({ kind: "ASK", step: "DETAILS" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, facePassed: true })).toEqual({ kind: "MATCH_EVIDENCE" });
    expect(planVerificationStep({ ...selfService, documentAccepted: true, faceAvailable: false })).toEqual({ kind: "MATCH_EVIDENCE" });
    const helpdesk = { ...fresh, faceRequired: true, codeConfirmed: true };
    expect(planVerificationStep({ ...helpdesk, documentAccepted: true })).toEqual({ kind: "ASK", step: "FACE" });
    expect(planVerificationStep({ ...helpdesk, documentAccepted: true, facePassed: true })).toEqual({ kind: "DECIDE" });
  });

  it("a card whose portrait is on its front asks for the front before the face, in both flows", () => {
    const selfService = { ...fresh, selfService: true, faceRequired: true, documentAccepted: true, frontPending: true };
    expect(planVerificationStep(selfService)).toEqual({ kind: "ASK", step: "DOCUMENT_FRONT" });
    expect(planVerificationStep({ ...selfService, frontPending: false })).toEqual({ kind: "ASK", step: "FACE" });
    // The back comes first: a front is never asked for before the card it belongs to was read.
    expect(planVerificationStep({ ...selfService, documentAccepted: false })).toEqual({ kind: "ASK", step: "DOCUMENT" });
    const helpdesk = { ...fresh, faceRequired: true, codeConfirmed: true, documentAccepted: true, frontPending: true };
    expect(planVerificationStep(helpdesk)).toEqual({ kind: "ASK", step: "DOCUMENT_FRONT" });
    expect(planVerificationStep({ ...helpdesk, codeConfirmed: false })).toEqual({ kind: "ASK", step: "CODE" });
  });

  it("a verification no longer in progress needs nothing", () => {
    for (const status of ["VERIFIED", "FAILED", "EXPIRED", "CANCELLED", "PENDING"] as const) expect(planVerificationStep({ ...fresh, status })).toEqual({ kind: "DONE" });
  });
});
