import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { idvIssuer } from "@/lib/idv/protocol/idv-issuer";
import { generateIdvToken, hashIdvToken, isWellFormedIdvToken } from "@/lib/idv/protocol/idv-tokens";
import type { VerificationStatus } from "@/lib/db/generated/enums";

/** RFC 6749 §4.1.2: short-lived; the browser carries it straight to the client, which redeems it at once. */
export const CODE_LIFETIME_SECONDS = 60;
const DECIDED: readonly VerificationStatus[] = ["VERIFIED", "FAILED", "EXPIRED", "CANCELLED"];

export type IdvTransactionView = {
  clientName: string;
  status: VerificationStatus;
  /** The verification link while it can still be started here or on a phone (its QR code); null once started. */
  linkToken: string | null;
  expiresAt: Date;
  completed: boolean;
};

async function findByBinding(bindingToken: string | undefined) {
  if (!bindingToken || !isWellFormedIdvToken(bindingToken)) return null;
  return db().idvAuthorization.findUnique({
    where: { browserBindingHash: hashIdvToken(bindingToken) },
    select: {
      id: true,
      redirectUri: true,
      state: true,
      completedAt: true,
      client: { select: { clientId: true, name: true } },
      verificationRequest: { select: { id: true, status: true, expiresAt: true, sealedLinkToken: true, linkConsumedAt: true, employee: { select: { login: true } } } },
    },
  });
}

/** What the hand-off page shows to the browser that followed the IdP's request; null for any other browser. */
export async function viewIdvTransaction(bindingToken: string | undefined): Promise<IdvTransactionView | null> {
  const found = await findByBinding(bindingToken);
  const verification = found?.verificationRequest;
  if (!found || !verification) return null;
  const usable = verification.sealedLinkToken && !verification.linkConsumedAt && verification.status === "PENDING";
  return {
    clientName: found.client.name,
    status: verification.status,
    linkToken: usable && verification.sealedLinkToken ? openSecret(verification.sealedLinkToken, `verification-link:${verification.id}`) : null,
    expiresAt: verification.expiresAt,
    completed: Boolean(found.completedAt),
  };
}

export type IdvCompletion = { state: "pending" } | { state: "ended" } | { redirect: string };

function callbackUrl(redirectUri: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Sends the bound browser back to the client once the verification is decided: with a single-use code when it
 * is VERIFIED, with `access_denied` otherwise (OIDC Core §3.1.2.6). Once only, by one conditional write; `iss`
 * goes along (RFC 9207) so the client can tell our answer from a mix-up.
 */
export async function completeIdvAuthorization(bindingToken: string | undefined, request?: { ip?: string; userAgent?: string }): Promise<IdvCompletion> {
  const found = await findByBinding(bindingToken);
  const verification = found?.verificationRequest;
  if (!found || !verification || found.completedAt) return { state: "ended" };
  if (!DECIDED.includes(verification.status)) return { state: "pending" };
  const verified = verification.status === "VERIFIED";
  const code = verified ? generateIdvToken() : null;
  const completed = await db().$transaction(async (tx) => {
    const updated = await tx.idvAuthorization.updateMany({
      where: { id: found.id, completedAt: null },
      data: { completedAt: new Date(), outcome: verification.status, ...(code ? { codeHash: code.hash, codeExpiresAt: new Date(Date.now() + CODE_LIFETIME_SECONDS * 1000) } : {}) },
    });
    if (updated.count !== 1) return false;
    await recordAuditEvent(tx, {
      actor: { type: "ANONYMOUS", label: "IdP-requested verification" },
      action: "idv.authorization_completed",
      target: { type: "verification_request", id: verification.id, ...(verification.employee ? { label: verification.employee.login } : {}) },
      request,
      details: { authorizationId: found.id, clientId: found.client.clientId, outcome: verification.status, codeIssued: verified },
    });
    return true;
  });
  if (!completed) return { state: "ended" };
  const iss = idvIssuer();
  return {
    redirect: code
      ? callbackUrl(found.redirectUri, { code: code.token, state: found.state, iss })
      : callbackUrl(found.redirectUri, { error: "access_denied", error_description: "The identity verification did not succeed.", state: found.state, iss }),
  };
}
