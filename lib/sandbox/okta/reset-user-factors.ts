import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { FACTOR_FOR_MFA } from "@/lib/sandbox/okta/okta-model";
import type { OktaOrgState } from "@/lib/sandbox/okta/org-state";

/**
 * Unenrolls every factor of a user, as `lifecycle/reset_factors` does, so the next sign-in asks for enrolment.
 * One implementation for the admin API and the identity-verified self-service reset, so both look the same.
 */
export function resetUserFactors(state: OktaOrgState, record: OktaUserRecord, at: string): void {
  state.update(record.index, (overlay) => {
    overlay.mfa = [];
    overlay.observed.factorsResetAt = at;
    for (const factor of record.factors) overlay.observed.factorsRemoved.push({ factorId: factor.id, factorType: FACTOR_FOR_MFA[factor.kind].factorType, at });
  }, at);
}
