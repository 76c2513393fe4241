import { z } from "zod";
import { logIdvEvent, maySelfRecover, resetAuthenticatorsByRecovery } from "@/lib/sandbox/okta/apply-idv-recovery";
import type { IdvRecoveries, IdvRecoveryRecord, IdvTransaction, PendingPasswordReset } from "@/lib/sandbox/okta/idv-recoveries";
import { redeemIdvCode } from "@/lib/sandbox/okta/idv-relying-party";
import { matchVerifiedName } from "@/lib/sandbox/okta/match-verified-name";
import { nowIso } from "@/lib/sandbox/okta/okta-org";
import type { OktaOrgState } from "@/lib/sandbox/okta/org-state";
import { verifyIdvIdToken, type VerifiedIdentity } from "@/lib/sandbox/okta/verify-idv-id-token";

const callbackQuerySchema = z.object({
  code: z.string().min(1).max(4096).optional(),
  error: z.string().min(1).max(256).optional(),
  iss: z.string().max(2048).optional(),
});

/** RFC 6749 §4.1.2.1: an error code is printable ASCII without `"` or `\`; anything else is not recorded as is. */
const OAUTH_ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

export type CallbackOutcome =
  | { kind: "not_completed" }
  | { kind: "refused" }
  | { kind: "choose_password"; pending: PendingPasswordReset }
  | { kind: "authenticators_reset" };

type Flow = { state: OktaOrgState; idv: IdvRecoveries; redirectUri: string };

function refuse(flow: Flow, transaction: IdvTransaction, reason: string): void {
  const at = nowIso();
  flow.idv.record({ userId: transaction.userId, login: transaction.login, action: transaction.action, outcome: "REFUSED", reason });
  logIdvEvent(flow.state, transaction.userId, { action: transaction.action, outcome: "REFUSED", reason }, at);
}

/** From the code to the verified identity, or the machine reason it could not be had. */
async function verifiedIdentity(flow: Flow, transaction: IdvTransaction, code: string): Promise<{ identity: VerifiedIdentity } | { reason: string }> {
  const provider = flow.idv.provider;
  if (!provider) return { reason: "idv_provider_missing" };
  const idToken = await redeemIdvCode(provider, flow.redirectUri, code, transaction.codeVerifier);
  if (idToken === null) return { reason: "token_exchange_failed" };
  const verdict = await verifyIdvIdToken(idToken, { provider, keys: flow.idv.verificationKeys(provider.jwksUrl), nonce: transaction.nonce });
  return verdict.ok ? { identity: verdict.identity } : { reason: verdict.reason };
}

/**
 * The IDV vendor's answer for a transaction already matched to this browser (and spent by the caller). The
 * Account Management Policy allows the action only when the ID token verifies and its verified names are the
 * profile's; every other path is recorded as REFUSED with the reason, and the account stays as it was.
 */
export async function completeIdvCallback(flow: Flow, transaction: IdvTransaction, rawQuery: Record<string, string>): Promise<CallbackOutcome> {
  const provider = flow.idv.provider;
  const query = callbackQuerySchema.safeParse(rawQuery);
  if (!provider || !query.success) {
    refuse(flow, transaction, provider ? "invalid_callback" : "idv_provider_missing");
    return { kind: "refused" };
  }
  // RFC 9207: an answer naming another issuer may be a mix-up attack; its code is never redeemed.
  if (query.data.iss !== undefined && query.data.iss !== provider.issuer) {
    refuse(flow, transaction, "issuer_mismatch");
    return { kind: "refused" };
  }
  if (query.data.error !== undefined) {
    refuse(flow, transaction, OAUTH_ERROR_CODE.test(query.data.error) ? query.data.error : "invalid_error_code");
    return { kind: "not_completed" };
  }
  if (query.data.code === undefined) {
    refuse(flow, transaction, "invalid_callback");
    return { kind: "refused" };
  }

  const verified = await verifiedIdentity(flow, transaction, query.data.code);
  if ("reason" in verified) {
    refuse(flow, transaction, verified.reason);
    return { kind: "refused" };
  }
  const user = transaction.userId === null ? undefined : flow.state.findUser(transaction.userId);
  if (!user) {
    refuse(flow, transaction, "unknown_user");
    return { kind: "refused" };
  }
  if (!maySelfRecover(user)) {
    refuse(flow, transaction, "user_not_eligible");
    return { kind: "refused" };
  }
  if (!matchVerifiedName(verified.identity, user.profile)) {
    refuse(flow, transaction, "profile_mismatch");
    return { kind: "refused" };
  }

  const at = nowIso();
  const record: IdvRecoveryRecord = flow.idv.record({
    userId: user.id,
    login: transaction.login,
    action: transaction.action,
    outcome: "AUTHORISED",
    reason: null,
    verification: verified.identity.verification,
    claimNames: verified.identity.claimNames,
  });
  logIdvEvent(flow.state, user.id, { action: transaction.action, outcome: "AUTHORISED", reason: null }, at);
  if (transaction.action === "PASSWORD_RECOVERY") {
    return { kind: "choose_password", pending: flow.idv.awaitPassword({ browserBinding: transaction.browserBinding, recordId: record.id, userId: user.id }) };
  }
  resetAuthenticatorsByRecovery(flow.state, user, at);
  flow.idv.complete(record.id);
  return { kind: "authenticators_reset" };
}
