import { DEFAULT_FACE_MATCH_THRESHOLD } from "@/lib/face/match-threshold";
import { SAFE_MINIMUM_ASSURANCE } from "@/lib/verification/policy/minimum-assurance";
import type { VerificationPolicyInput } from "@/lib/verification/policy/verification-policy-schema";

/**
 * Version 1 of every installation: the name must match, the address and contact details are compared when the
 * directory has them, and the date of birth is off because Entra ID and Okta rarely hold it. Self-service and every
 * reset action are on (the column defaults), with the document check that self-service needs.
 */
export const DEFAULT_POLICY: VerificationPolicyInput = {
  claims: {
    firstName: "REQUIRED",
    lastName: "REQUIRED",
    dateOfBirth: "OFF",
    street: "OPTIONAL",
    city: "OPTIONAL",
    state: "OPTIONAL",
    postalCode: "OPTIONAL",
    country: "OPTIONAL",
    email: "OPTIONAL",
    mobilePhone: "OPTIONAL",
  },
  requirePossessionCode: true,
  requireIdDocument: true,
  linkLifetimeMinutes: 1440,
  maxAttempts: 5,
  evidenceRetention: "DELETE_ON_DECISION",
  selfServiceEnabled: true,
  allowPasswordReset: true,
  allowMfaReset: true,
  allowAccountUnlock: true,
  issueTemporaryAccessPass: true,
  oktaPasswordResetMethod: "TEMPORARY_PASSWORD",
  minimumAssurance: SAFE_MINIMUM_ASSURANCE,
  faceMatchThreshold: DEFAULT_FACE_MATCH_THRESHOLD,
};
