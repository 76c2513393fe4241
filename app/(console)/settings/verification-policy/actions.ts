"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guards";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import { saveVerificationPolicy } from "@/lib/verification/policy/save-verification-policy";
import { simulatePolicyOnCurrentDirectory } from "@/lib/verification/policy/simulate-policy";
import { policySimulationInputSchema, saveVerificationPolicyInputSchema } from "@/lib/verification/policy/verification-policy-schema";

const PAGE = "/settings/verification-policy";

export const saveVerificationPolicyAction = protectedAction("settings:manage", saveVerificationPolicyInputSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  const result = await saveVerificationPolicy(user, input, request);
  if (result.changes.length > 0) revalidatePath(PAGE);
  return { version: result.version, changed: result.changes.length > 0 };
});

/** The simulation of unsaved claims, called as the admin edits the form (it reads, so viewing is enough). */
export const simulatePolicyAction = protectedAction("settings:view", policySimulationInputSchema, async (input) => {
  return simulatePolicyOnCurrentDirectory(input);
});
