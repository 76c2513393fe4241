import "server-only";

// The policy's public surface for the rest of the server. Client components import the schema module directly
// (verification-policy-schema.ts), since this index also exports database code.
export { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
export { diffPolicies, type PolicyChange } from "@/lib/verification/policy/diff-policies";
export { getCurrentPolicy } from "@/lib/verification/policy/get-current-policy";
export { isSelfServiceOpen } from "@/lib/verification/policy/is-self-service-open";
export { listPolicyVersions, type PolicyVersionSummary } from "@/lib/verification/policy/list-policy-versions";
export { saveVerificationPolicy, type SaveVerificationPolicyResult } from "@/lib/verification/policy/save-verification-policy";
export { simulatePolicy, simulatePolicyOnCurrentDirectory, type PolicySimulation } from "@/lib/verification/policy/simulate-policy";
export { toPolicyInput, type VerificationPolicyView } from "@/lib/verification/policy/to-policy-view";
export * from "@/lib/verification/policy/verification-policy-schema";
