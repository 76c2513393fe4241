import { z } from "zod";
import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";
import type { ClaimRequirement } from "@/lib/verification/decision/compute-decision";

const storedClaimsSchema = z.record(z.enum(CLAIM_NAMES), z.enum(["REQUIRED", "OPTIONAL", "OFF"]));

/** The per-claim requirements of a stored policy version (claims the row does not mention are OFF). */
export function policyClaimsOf(policy: { claims: unknown }): Record<ClaimName, ClaimRequirement> {
  const stored = storedClaimsSchema.parse(policy.claims);
  return Object.fromEntries(CLAIM_NAMES.map((claim) => [claim, stored[claim] ?? "OFF"])) as Record<ClaimName, ClaimRequirement>;
}
