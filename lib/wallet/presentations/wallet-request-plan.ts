import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";
import { faceCheckRequired } from "@/lib/verification/face/face-check-required";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { policyClaimsOf } from "@/lib/verification/requests/policy-claims";
import { elementsToRequest, WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
import type { RequestedElements } from "@/lib/wallet/protocol/build-wallet-requests";

/**
 * What to ask a wallet for under this verification's policy: the elements for every claim the policy compares
 * (REQUIRED or OPTIONAL), the document's own (number, expiry, issuing authority and country: the checks and the
 * agent's row), and the portrait only when a live face is compared with it. Nothing else: the wallet shows the
 * employee this list, and data minimisation is the point of selective disclosure.
 */
export function walletRequestPlan(session: Pick<VerificationSession, "policy" | "purpose">): RequestedElements {
  const policyClaims = policyClaimsOf(session.policy);
  const compared: ClaimName[] = CLAIM_NAMES.filter((claim) => policyClaims[claim] !== "OFF");
  const portrait = faceCheckRequired(session);
  return Object.fromEntries(WALLET_DOCTYPES.map((doctype) => [doctype.doctype, elementsToRequest(doctype, compared, portrait)]));
}
