import type { Prisma } from "@/lib/db/generated/client";
import { minimumAssuranceOf } from "@/lib/verification/policy/minimum-assurance";
import { policyClaimsSchema, type VerificationPolicyInput } from "@/lib/verification/policy/verification-policy-schema";

/** One stored policy version, as the rest of the product reads it. */
export type VerificationPolicyView = VerificationPolicyInput & {
  id: string;
  version: number;
  createdAt: Date;
  /** False on a version saved before minimum assurance existed: `minimumAssurance` then holds the safe default it is read as. */
  minimumAssuranceStored: boolean;
  /** Null for the default version 1 (nobody saved it) or when the console user was deleted. */
  createdBy: { id: string; email: string; name: string } | null;
};

export const POLICY_VIEW_SELECT = {
  id: true,
  version: true,
  claims: true,
  requirePossessionCode: true,
  requireIdDocument: true,
  linkLifetimeMinutes: true,
  maxAttempts: true,
  evidenceRetention: true,
  selfServiceEnabled: true,
  allowPasswordReset: true,
  allowMfaReset: true,
  allowAccountUnlock: true,
  issueTemporaryAccessPass: true,
  oktaPasswordResetMethod: true,
  minimumAssurance: true,
  faceMatchThreshold: true,
  createdAt: true,
  createdBy: { select: { id: true, email: true, name: true } },
} as const satisfies Prisma.VerificationPolicySelect;

type PolicyRow = Prisma.VerificationPolicyGetPayload<{ select: typeof POLICY_VIEW_SELECT }>;

/**
 * Parses the stored claims. Only this code writes them, after the same schema accepted them, so a row that
 * does not parse is a bug or a hand edit: throwing beats verifying against a half-understood policy.
 * (Cross-field rules are not re-applied: they govern new versions, and may tighten after old ones were saved.)
 */
export function toPolicyView(row: PolicyRow): VerificationPolicyView {
  const claims = policyClaimsSchema.safeParse(row.claims);
  if (!claims.success) throw new Error(`verification_policy version ${row.version} has unreadable claims: ${claims.error.message}`);
  return { ...row, claims: claims.data, minimumAssurance: minimumAssuranceOf(row), minimumAssuranceStored: row.minimumAssurance !== null };
}

/**
 * The editable part of a stored version, field by field, as the settings form starts from it: listing each field
 * (rather than spreading the view) keeps ids, dates and the author's e-mail out of what the client receives, and the
 * return type makes a new setting impossible to forget here.
 */
export function toPolicyInput(view: VerificationPolicyView): VerificationPolicyInput {
  return {
    claims: view.claims,
    requirePossessionCode: view.requirePossessionCode,
    requireIdDocument: view.requireIdDocument,
    linkLifetimeMinutes: view.linkLifetimeMinutes,
    maxAttempts: view.maxAttempts,
    evidenceRetention: view.evidenceRetention,
    selfServiceEnabled: view.selfServiceEnabled,
    allowPasswordReset: view.allowPasswordReset,
    allowMfaReset: view.allowMfaReset,
    allowAccountUnlock: view.allowAccountUnlock,
    issueTemporaryAccessPass: view.issueTemporaryAccessPass,
    oktaPasswordResetMethod: view.oktaPasswordResetMethod,
    minimumAssurance: view.minimumAssurance,
    faceMatchThreshold: view.faceMatchThreshold,
  };
}
