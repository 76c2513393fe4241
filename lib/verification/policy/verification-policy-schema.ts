import { z } from "zod";
import type { OktaPasswordResetMethod } from "@/lib/db/generated/enums";
import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";
import { checkMinimumAssuranceRules, minimumAssuranceSchema } from "@/lib/verification/policy/minimum-assurance";

/**
 * How a claim takes part in a verification:
 * - REQUIRED: must be present in the directory and in the evidence, and the two must match. An employee whose
 *   directory profile lacks it cannot pass (the policy simulation counts them).
 * - OPTIONAL: compared when both the directory and the evidence have it; a mismatch fails the verification,
 *   absence on either side does not.
 * - OFF: never compared.
 */
export const CLAIM_REQUIREMENTS = ["REQUIRED", "OPTIONAL", "OFF"] as const;
export type ClaimRequirement = (typeof CLAIM_REQUIREMENTS)[number];

export const CLAIM_REQUIREMENT_LABELS: Record<ClaimRequirement, string> = { REQUIRED: "Required", OPTIONAL: "Optional", OFF: "Off" };

export const EVIDENCE_RETENTIONS = ["DELETE_ON_DECISION", "KEEP_7_DAYS", "KEEP_30_DAYS"] as const;
export type EvidenceRetentionChoice = (typeof EVIDENCE_RETENTIONS)[number];

export const EVIDENCE_RETENTION_LABELS: Record<EvidenceRetentionChoice, string> = {
  DELETE_ON_DECISION: "Delete on decision",
  KEEP_7_DAYS: "Keep 7 days",
  KEEP_30_DAYS: "Keep 30 days",
};

/**
 * How Okta hands a new password over: a temporary password the employee sees once (and must change at the next
 * sign-in), or a one-time Okta reset link they follow to choose one. Entra always uses a temporary password.
 */
export const OKTA_PASSWORD_RESET_METHODS = ["TEMPORARY_PASSWORD", "RESET_LINK"] as const satisfies readonly OktaPasswordResetMethod[];
export type OktaPasswordResetMethodChoice = (typeof OKTA_PASSWORD_RESET_METHODS)[number];

export const OKTA_PASSWORD_RESET_METHOD_LABELS: Record<OktaPasswordResetMethodChoice, string> = {
  TEMPORARY_PASSWORD: "Temporary password shown once",
  RESET_LINK: "Okta reset link",
};

/** Limits mirrored by the CHECK constraint on verification_policy. */
export const LINK_LIFETIME_LIMITS = { min: 10, max: 10_080 } as const;
export const MAX_ATTEMPTS_LIMITS = { min: 1, max: 20 } as const;
/** Below 0.5 strangers match often (5% at 0.50 on the labelled set); above 0.9 nobody does. */
export const FACE_MATCH_THRESHOLD_LIMITS = { min: 0.5, max: 0.9 } as const;

/** Presets the form offers; any whole number of minutes within the limits is accepted. */
export const LINK_LIFETIME_PRESETS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1440, label: "24 hours" },
  { minutes: 4320, label: "72 hours" },
  { minutes: 10_080, label: "7 days" },
] as const;

const claimRequirementSchema = z.enum(CLAIM_REQUIREMENTS, { error: "Choose Required, Optional or Off." });

/** Every claim must be present: zod 4 records keyed by an enum are exhaustive. */
export const policyClaimsSchema = z.record(z.enum(CLAIM_NAMES), claimRequirementSchema);
export type PolicyClaims = Record<ClaimName, ClaimRequirement>;

const policyFields = {
  claims: policyClaimsSchema,
  requirePossessionCode: z.boolean(),
  requireIdDocument: z.boolean(),
  linkLifetimeMinutes: z
    .number({ error: "Enter the link lifetime in minutes." })
    .int("Use whole minutes.")
    .min(LINK_LIFETIME_LIMITS.min, "A link must live at least 10 minutes.")
    .max(LINK_LIFETIME_LIMITS.max, "A link can live at most 7 days (10080 minutes)."),
  maxAttempts: z
    .number({ error: "Enter the number of attempts." })
    .int("Use a whole number.")
    .min(MAX_ATTEMPTS_LIMITS.min, "Allow at least 1 attempt.")
    .max(MAX_ATTEMPTS_LIMITS.max, "Allow at most 20 attempts."),
  evidenceRetention: z.enum(EVIDENCE_RETENTIONS, { error: "Choose how long evidence images are kept." }),
  selfServiceEnabled: z.boolean({ error: "Choose whether employees may use the self-service portal." }),
  allowPasswordReset: z.boolean({ error: "Choose whether a verified employee may reset their password." }),
  allowMfaReset: z.boolean({ error: "Choose whether a verified employee may reset their MFA." }),
  allowAccountUnlock: z.boolean({ error: "Choose whether a verified employee may unlock their account." }),
  issueTemporaryAccessPass: z.boolean({ error: "Choose whether an MFA reset issues a Temporary Access Pass." }),
  oktaPasswordResetMethod: z.enum(OKTA_PASSWORD_RESET_METHODS, { error: "Choose how Okta hands over the new password." }),
  /** The lowest assurance level (lib/verification/assurance) a verification of each purpose must reach. */
  minimumAssurance: minimumAssuranceSchema,
  faceMatchThreshold: z
    .number({ error: "Enter the face match threshold." })
    .min(FACE_MATCH_THRESHOLD_LIMITS.min, "Below 0.50, strangers' faces match too often.")
    .max(FACE_MATCH_THRESHOLD_LIMITS.max, "Above 0.90, nobody's face matches their own document."),
};

type PolicyFields = z.infer<z.ZodObject<typeof policyFields>>;

/** Rules across fields; see DECISIONS.md ("Verification policy") for why each exists. */
function checkPolicyRules(policy: PolicyFields, context: z.RefinementCtx): void {
  checkMinimumAssuranceRules(policy, context);
  if (!Object.values(policy.claims).includes("REQUIRED")) {
    context.addIssue({ code: "custom", path: ["claims"], message: "Make at least one claim Required: a verification must match something." });
  }
  if (!policy.requirePossessionCode && !policy.requireIdDocument) {
    context.addIssue({
      code: "custom",
      path: ["requireIdDocument"],
      message: "Turn on the possession code, the ID document or both: without either, anyone who knows the employee's details would pass.",
    });
  }
  if (policy.requireIdDocument) {
    for (const claim of ["firstName", "lastName"] as const) {
      if (policy.claims[claim] === "OFF") {
        context.addIssue({
          code: "custom",
          path: ["claims", claim],
          message: "Cannot be Off while the ID document is checked: the name is what ties the document to the employee.",
        });
      }
    }
  }
  // Self-service has no agent listening to the caller, and whoever opens the portal picks the address. The details
  // typed there are often known to colleagues, and a possession code proves only the phone (lost, stolen, SIM-swapped):
  // the document is the one check that ties the attempt to the person. Helpdesk verifications may still go without
  // it, since the agent is a check of its own there. Stored versions are re-checked on use by isSelfServiceOpen.
  if (policy.selfServiceEnabled && !policy.requireIdDocument) {
    context.addIssue({
      code: "custom",
      path: ["selfServiceEnabled"],
      message: "Self-service needs the ID document check: without it, anyone who knows an employee's address and phone could reset their account.",
    });
  }
  // A portal that verifies an employee and then lets them do nothing is a dead end, not a safer setting.
  if (policy.selfServiceEnabled && !policy.allowPasswordReset && !policy.allowMfaReset && !policy.allowAccountUnlock) {
    context.addIssue({
      code: "custom",
      path: ["selfServiceEnabled"],
      message: "Allow at least one action after verification, or turn self-service off: otherwise employees would verify for nothing.",
    });
  }
}

/** A verification policy as the admin edits it (same schema in the form and on the server). */
export const verificationPolicyInputSchema = z.object(policyFields).superRefine(checkPolicyRules);
export type VerificationPolicyInput = z.infer<typeof verificationPolicyInputSchema>;

/**
 * What a policy version says about the resets after a VERIFIED verification. Which of them the connected provider
 * can do (Entra ID has no account unlock, Okta no Temporary Access Pass) is for the reset code to decide.
 */
export type ResetActionSettings = Pick<
  VerificationPolicyInput,
  "allowPasswordReset" | "allowMfaReset" | "allowAccountUnlock" | "issueTemporaryAccessPass" | "oktaPasswordResetMethod"
>;

/**
 * What the settings form submits: the policy plus the version the admin started from, so a save on top of
 * someone else's newer version is refused instead of silently overwriting it.
 */
export const saveVerificationPolicyInputSchema = z
  .object({ ...policyFields, expectedVersion: z.number().int().min(1).optional() })
  .superRefine(checkPolicyRules);
export type SaveVerificationPolicyInput = z.infer<typeof saveVerificationPolicyInputSchema>;

/** What the simulation needs: only the claims decide who can pass, so it runs while other fields are invalid. */
export const policySimulationInputSchema = z.object({ claims: policyClaimsSchema });
export type PolicySimulationInput = z.infer<typeof policySimulationInputSchema>;
