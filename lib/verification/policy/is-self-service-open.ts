import type { VerificationPolicyInput } from "@/lib/verification/policy/verification-policy-schema";

type SelfServiceSettings = Pick<VerificationPolicyInput, "selfServiceEnabled" | "requireIdDocument" | "allowPasswordReset" | "allowMfaReset" | "allowAccountUnlock">;

/**
 * Whether the self-service portal may start a verification under this policy version. Saving refuses self-service
 * without the ID document check or without any reset action, but versions stored before those columns existed got
 * `selfServiceEnabled = true` from the migration's default whatever their other settings: this applies the same
 * rules again where it matters, when the portal is used, so such a version keeps the portal closed.
 */
export function isSelfServiceOpen(policy: SelfServiceSettings): boolean {
  return policy.selfServiceEnabled && policy.requireIdDocument && (policy.allowPasswordReset || policy.allowMfaReset || policy.allowAccountUnlock);
}
