import { ASSURANCE_LABELS } from "@/lib/verification/assurance/assurance-levels";
import { CLAIM_LABELS, CLAIM_NAMES } from "@/lib/verification/claims";
import { ASSURANCE_PURPOSES, MINIMUM_ASSURANCE_PURPOSE_LABELS } from "@/lib/verification/policy/minimum-assurance";
import {
  CLAIM_REQUIREMENT_LABELS,
  EVIDENCE_RETENTION_LABELS,
  OKTA_PASSWORD_RESET_METHOD_LABELS,
  type VerificationPolicyInput,
} from "@/lib/verification/policy/verification-policy-schema";

type PolicySetting = Exclude<keyof VerificationPolicyInput, "claims" | "minimumAssurance">;
type SettingValue = string | number | boolean;

export type PolicyChange = {
  /** `claims.<claim>` or the setting's name, as stored in the audit event. */
  field: string;
  from: SettingValue;
  to: SettingValue;
  /** The same change in words, for the history list and the audit log. */
  description: string;
};

const SETTING_LABELS: Record<PolicySetting, string> = {
  requirePossessionCode: "Possession code",
  requireIdDocument: "ID document",
  linkLifetimeMinutes: "Link lifetime",
  maxAttempts: "Attempts",
  evidenceRetention: "Evidence retention",
  selfServiceEnabled: "Self-service portal",
  allowPasswordReset: "Password reset",
  allowMfaReset: "MFA reset",
  allowAccountUnlock: "Account unlock",
  issueTemporaryAccessPass: "Temporary Access Pass after MFA reset",
  oktaPasswordResetMethod: "Okta password reset",
  faceMatchThreshold: "Face match threshold",
};

// Form order. diff-policies.test.ts checks that every setting is listed, so none is left out of the audit.
const SETTINGS = [
  "requirePossessionCode",
  "requireIdDocument",
  "linkLifetimeMinutes",
  "maxAttempts",
  "evidenceRetention",
  "selfServiceEnabled",
  "allowPasswordReset",
  "allowMfaReset",
  "allowAccountUnlock",
  "issueTemporaryAccessPass",
  "oktaPasswordResetMethod",
  "faceMatchThreshold",
] as const satisfies readonly PolicySetting[];

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** "4 hours", "7 days", "90 minutes": hours up to three days, as the presets say them. */
export function formatLinkLifetime(minutes: number): string {
  if (minutes % 60 === 0 && minutes <= 4320) return plural(minutes / 60, "hour");
  if (minutes % 1440 === 0) return plural(minutes / 1440, "day");
  return plural(minutes, "minute");
}

function formatSetting(policy: VerificationPolicyInput, setting: PolicySetting): string {
  switch (setting) {
    case "linkLifetimeMinutes":
      return formatLinkLifetime(policy.linkLifetimeMinutes);
    case "evidenceRetention":
      return EVIDENCE_RETENTION_LABELS[policy.evidenceRetention].toLowerCase();
    case "maxAttempts":
      return String(policy.maxAttempts);
    case "faceMatchThreshold":
      return policy.faceMatchThreshold.toFixed(2);
    case "allowPasswordReset":
    case "allowMfaReset":
    case "allowAccountUnlock":
      return policy[setting] ? "allowed" : "not allowed";
    case "oktaPasswordResetMethod":
      // As labelled, not lower-cased: "Okta" is a name.
      return OKTA_PASSWORD_RESET_METHOD_LABELS[policy.oktaPasswordResetMethod];
    default:
      return policy[setting] ? "on" : "off";
  }
}

/** What changed from `before` to `after`, field by field, in form order. Empty when nothing did. */
export function diffPolicies(before: VerificationPolicyInput, after: VerificationPolicyInput): PolicyChange[] {
  const changes: PolicyChange[] = [];
  for (const claim of CLAIM_NAMES) {
    const [from, to] = [before.claims[claim], after.claims[claim]];
    if (from === to) continue;
    changes.push({ field: `claims.${claim}`, from, to, description: `${CLAIM_LABELS[claim]}: ${CLAIM_REQUIREMENT_LABELS[from]} → ${CLAIM_REQUIREMENT_LABELS[to]}` });
  }
  for (const setting of SETTINGS) {
    const [from, to] = [before[setting], after[setting]];
    if (from === to) continue;
    changes.push({ field: setting, from, to, description: `${SETTING_LABELS[setting]}: ${formatSetting(before, setting)} → ${formatSetting(after, setting)}` });
  }
  for (const purpose of ASSURANCE_PURPOSES) {
    const [from, to] = [before.minimumAssurance[purpose], after.minimumAssurance[purpose]];
    if (from === to) continue;
    changes.push({ field: `minimumAssurance.${purpose}`, from, to, description: `Minimum assurance, ${MINIMUM_ASSURANCE_PURPOSE_LABELS[purpose]}: ${ASSURANCE_LABELS[from]} → ${ASSURANCE_LABELS[to]}` });
  }
  return changes;
}
