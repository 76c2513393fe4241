import { z } from "zod";
import type { VerificationPurpose } from "@/lib/db/generated/enums";
import { ASSURANCE_LABELS, type AssuranceLevel, assuranceRank } from "@/lib/verification/assurance/assurance-levels";

/** The purposes a policy sets a minimum for, in form order. */
export const ASSURANCE_PURPOSES = ["HELPDESK_CHECK", "PASSWORD_RESET", "MFA_RESET", "ACCOUNT_RECOVERY", "IDP_VERIFICATION"] as const satisfies readonly VerificationPurpose[];

export const MINIMUM_ASSURANCE_PURPOSE_LABELS: Record<VerificationPurpose, string> = {
  HELPDESK_CHECK: "Helpdesk identity check",
  PASSWORD_RESET: "Password reset by the service desk",
  MFA_RESET: "MFA reset by the service desk",
  ACCOUNT_RECOVERY: "Self-service password and MFA reset",
  IDP_VERIFICATION: "IdP-requested verification (Okta recovery and enrolment)",
};

/** Levels an agent-started verification may require (NONE would mean "no check at all"). */
export const HELPDESK_MINIMUM_CHOICES = ["POSSESSION_ONLY", "DOCUMENT_DATA", "AGENT_ATTENDED", "DOCUMENT_AND_LIVE_FACE", "SIGNED_EVIDENCE"] as const satisfies readonly AssuranceLevel[];
/**
 * Self-service has no agent and whoever types the address picks the account: document data alone (printable by
 * anyone) never unlocks it, and an agent-attended check cannot happen there. A hard rule, not a default.
 */
export const SELF_SERVICE_MINIMUM_CHOICES = ["DOCUMENT_AND_LIVE_FACE", "SIGNED_EVIDENCE"] as const satisfies readonly AssuranceLevel[];

const SELF_SERVICE_MESSAGE = "Self-service needs a live face bound to the document, or signed evidence: document data alone never unlocks a self-service reset.";
const IDP_MESSAGE = "A verification the identity provider asks for has no agent either: it needs a live face bound to the document, or signed evidence.";
const helpdeskMinimum = z.enum(HELPDESK_MINIMUM_CHOICES, { error: "Choose the minimum assurance." });

export const minimumAssuranceSchema = z.object({
  HELPDESK_CHECK: helpdeskMinimum,
  PASSWORD_RESET: helpdeskMinimum,
  MFA_RESET: helpdeskMinimum,
  ACCOUNT_RECOVERY: z.enum(SELF_SERVICE_MINIMUM_CHOICES, { error: SELF_SERVICE_MESSAGE }),
  // The IdP hands us whoever started its recovery page: no agent there either, so the same floor as self-service.
  IDP_VERIFICATION: z.enum(SELF_SERVICE_MINIMUM_CHOICES, { error: IDP_MESSAGE }),
});
export type MinimumAssurance = z.infer<typeof minimumAssuranceSchema>;

/**
 * The safe default, also what a version stored before this setting existed means. Self-service needs a live face
 * bound to the document. Agent-started verifications ask only for what their checks already enforce (the required
 * document makes them DOCUMENT_DATA anyway; the agent and the read-back code are checks of their own there): an
 * admin raises them to a live face once the face step is on, which is what the commercial products do.
 */
export const SAFE_MINIMUM_ASSURANCE: MinimumAssurance = { HELPDESK_CHECK: "POSSESSION_ONLY", PASSWORD_RESET: "POSSESSION_ONLY", MFA_RESET: "POSSESSION_ONLY", ACCOUNT_RECOVERY: "DOCUMENT_AND_LIVE_FACE", IDP_VERIFICATION: "DOCUMENT_AND_LIVE_FACE" };

/** Rules across fields: a minimum the enabled checks can never reach would fail every verification of that purpose. */
export function checkMinimumAssuranceRules(policy: { requireIdDocument: boolean; minimumAssurance: MinimumAssurance }, context: z.RefinementCtx): void {
  if (policy.requireIdDocument) return;
  for (const purpose of ["HELPDESK_CHECK", "PASSWORD_RESET", "MFA_RESET"] as const) {
    if (assuranceRank(policy.minimumAssurance[purpose]) > assuranceRank("POSSESSION_ONLY")) {
      context.addIssue({ code: "custom", path: ["minimumAssurance", purpose], message: `Needs the ID document check: without it a verification reaches "${ASSURANCE_LABELS.POSSESSION_ONLY}" at most.` });
    }
  }
}

/** The stored JSON (null before this setting existed) as the decision reads it. */
export function minimumAssuranceOf(policy: { minimumAssurance: unknown }): MinimumAssurance {
  if (policy.minimumAssurance === null || policy.minimumAssurance === undefined) return SAFE_MINIMUM_ASSURANCE;
  // Versions stored before the IdP-requested purpose existed (issue 15) read as its safe default.
  const stored = typeof policy.minimumAssurance === "object" ? { IDP_VERIFICATION: SAFE_MINIMUM_ASSURANCE.IDP_VERIFICATION, ...policy.minimumAssurance } : policy.minimumAssurance;
  const parsed = minimumAssuranceSchema.safeParse(stored);
  // Only the policy code writes it, through the same schema: an unreadable value is a bug or a hand edit, and
  // throwing beats deciding under half-understood rules.
  if (!parsed.success) throw new Error(`verification_policy has an unreadable minimumAssurance: ${parsed.error.message}`);
  return parsed.data;
}
