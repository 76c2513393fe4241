import { CLAIM_EMPLOYEE_FIELDS, CLAIM_NAMES, type ClaimEmployeeField, type ClaimName } from "@/lib/verification/claims";
import type { ClaimRequirement } from "@/lib/verification/decision/compute-decision";

export type Verifiability =
  | { canVerify: true }
  | { canVerify: false; reason: "LEFT_GROUP" | "MISSING_REQUIRED_CLAIMS"; missing: ClaimName[] };

/**
 * Whether a verification of this employee can succeed at all under the current policy: they must be in the
 * group, and every REQUIRED claim needs a directory value to compare with (the policy simulation, per person).
 */
export function assessVerifiability(
  employee: { membership: "ACTIVE" | "INACTIVE" } & Record<ClaimEmployeeField, string | null>,
  claims: Record<ClaimName, ClaimRequirement>,
): Verifiability {
  if (employee.membership !== "ACTIVE") return { canVerify: false, reason: "LEFT_GROUP", missing: [] };
  const missing = CLAIM_NAMES.filter((claim) => claims[claim] === "REQUIRED" && !employee[CLAIM_EMPLOYEE_FIELDS[claim]]?.trim());
  return missing.length === 0 ? { canVerify: true } : { canVerify: false, reason: "MISSING_REQUIRED_CLAIMS", missing };
}
