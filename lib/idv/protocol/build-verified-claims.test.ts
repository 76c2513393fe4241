import { describe, expect, it } from "vitest";
import { buildVerifiedClaims, type DecisionForClaims } from "@/lib/idv/protocol/build-verified-claims";
import { verifiedClaimsSchema } from "@/lib/idv/protocol/verified-claims-schema";

const decidedAt = new Date("2026-12-07T09:30:00.000Z");
const directory = { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10", email: "ada@example.com", mobilePhone: "+14155550142", city: "Portland", state: "OR", postalCode: null, street: null, country: "US" };

function decision(overrides: Partial<DecisionForClaims> = {}): DecisionForClaims {
  return {
    outcome: "VERIFIED",
    claims: [
      { claim: "firstName", outcome: "MATCH", source: "DOCUMENT" },
      { claim: "lastName", outcome: "MATCH", source: "DOCUMENT" },
      { claim: "dateOfBirth", outcome: "MATCH", source: "DOCUMENT" },
      { claim: "city", outcome: "MISMATCH", source: "DOCUMENT" },
      { claim: "state", outcome: "MATCH", source: "DOCUMENT" },
      { claim: "mobilePhone", outcome: "MATCH", source: "POSSESSION" },
      { claim: "email", outcome: "MATCH", source: "EMPLOYEE" },
    ],
    checks: [
      { check: "ID_DOCUMENT", passed: true },
      { check: "LIVE_FACE", passed: true },
    ],
    document: { kind: "AAMVA", issuingCountry: "USA", expiryDate: "2030-01-31" },
    assurance: { level: "DOCUMENT_AND_LIVE_FACE" },
    ...overrides,
  };
}

const all = ["firstName", "lastName", "dateOfBirth", "street", "city", "state", "postalCode", "country", "email", "mobilePhone"] as const;

describe("buildVerifiedClaims", () => {
  it("asserts only claims the document carried and the directory matched, with the directory's values and the evidence described", () => {
    const built = buildVerifiedClaims({ decision: decision(), decidedAt, verificationId: "v-1", directory, requested: all });
    expect(built).toEqual({
      verification: {
        trust_framework: "verifyd_workforce",
        assurance_level: "document_and_live_face",
        time: "2026-12-07T09:30:00.000Z",
        verification_process: "v-1",
        evidence: [{ type: "document", check_details: [{ check_method: "vri" }, { check_method: "bvr" }], time: "2026-12-07T09:30:00.000Z", document_details: { type: "driving_permit", issuer: { country_code: "USA" }, date_of_expiry: "2030-01-31" } }],
      },
      // The mismatched city, the possession-proven phone and the typed e-mail are not document evidence.
      claims: { given_name: "Ada", family_name: "Lovelace", birthdate: "1990-12-10", address: { region: "OR" } },
    });
    expect(verifiedClaimsSchema.safeParse(built).success).toBe(true);
  });

  it("gives a client only what it asked for and may receive", () => {
    const built = buildVerifiedClaims({ decision: decision(), decidedAt, verificationId: "v-1", directory, requested: ["firstName", "lastName"] });
    expect(built?.claims).toEqual({ given_name: "Ada", family_name: "Lovelace" });
  });

  it("asserts nothing for a failed verification, one without a document, or when no requested claim was verified", () => {
    expect(buildVerifiedClaims({ decision: decision({ outcome: "FAILED" }), decidedAt, verificationId: "v", directory, requested: all })).toBeNull();
    expect(buildVerifiedClaims({ decision: decision({ document: null }), decidedAt, verificationId: "v", directory, requested: all })).toBeNull();
    expect(buildVerifiedClaims({ decision: decision(), decidedAt, verificationId: "v", directory, requested: ["email", "mobilePhone"] })).toBeNull();
  });

  it("leaves out the face check when none passed, and an issuer code or expiry that is not well formed", () => {
    const built = buildVerifiedClaims({ decision: decision({ checks: [{ check: "ID_DOCUMENT", passed: true }], document: { kind: "MRZ_TD3", issuingCountry: "D", expiryDate: "31/01/2030" } }), decidedAt, verificationId: "v", directory, requested: all });
    expect(built?.verification.evidence[0]).toEqual({ type: "document", check_details: [{ check_method: "vri" }], time: "2026-12-07T09:30:00.000Z", document_details: { type: "passport" } });
  });

  it("says a wallet ID's signature was verified (vcrypt), with the live face when one matched its portrait", () => {
    const built = buildVerifiedClaims({ decision: decision({ document: { kind: "MDOC", issuingCountry: "US", expiryDate: "2031-01-15" } }), decidedAt, verificationId: "v", directory, requested: all });
    expect(built?.verification.evidence[0]).toMatchObject({ check_details: [{ check_method: "vcrypt" }, { check_method: "bvr" }], document_details: { type: "driving_permit", issuer: { country_code: "US" } } });
  });
});

describe("verifiedClaimsSchema (OIDC for Identity Assurance 1.0 §5)", () => {
  const valid = buildVerifiedClaims({ decision: decision(), decidedAt, verificationId: "v-1", directory, requested: all });
  it.each([
    ["no trust_framework", { ...valid, verification: { ...valid!.verification, trust_framework: undefined } }],
    ["empty claims", { ...valid, claims: {} }],
    ["no evidence", { ...valid, verification: { ...valid!.verification, evidence: [] } }],
    ["a time that is not ISO 8601", { ...valid, verification: { ...valid!.verification, time: "yesterday" } }],
    ["an unknown member", { ...valid, extra: true }],
  ])("rejects %s", (_label, candidate) => {
    expect(verifiedClaimsSchema.safeParse(candidate).success).toBe(false);
  });
});
