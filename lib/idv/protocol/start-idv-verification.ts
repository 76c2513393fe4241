import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { generateIdvToken } from "@/lib/idv/protocol/idv-tokens";
import { requestUriSecret } from "@/lib/idv/protocol/push-authorization-request";
import { hashIdvToken } from "@/lib/idv/protocol/idv-tokens";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { generateLinkToken } from "@/lib/verification/requests/verification-secrets";

/** The person is in front of the IdP's page now: like a self-service link, half an hour at most. */
export const IDV_VERIFICATION_MINUTES = 30;

/**
 * Why /authorize cannot go on. None of these may redirect: the redirect URI is only trusted once a valid
 * pushed request names it (RFC 9126 §4, RFC 6749 §4.1.2.1), so the browser gets an error page instead.
 */
export type AuthorizeRefusal = "malformed" | "unknown_request";

export type IdvVerificationStart = { bindingToken: string; expiresAt: Date } | { refused: AuthorizeRefusal };

const authorizeQuerySchema = z.object({ client_id: z.string().min(1).max(256), request_uri: z.string().min(1).max(256) });

/**
 * The authorization endpoint's work: the pushed request is spent (single use, within its life, for this client
 * only), a verification is opened for the person it named (or for nobody, which fails like a mismatch) under the
 * purpose IDP_VERIFICATION, and this browser is bound to the transaction by a cookie secret only it holds.
 */
export async function startIdvVerification(query: Record<string, string | undefined>, request?: { ip?: string; userAgent?: string }): Promise<IdvVerificationStart> {
  const parsed = authorizeQuerySchema.safeParse(query);
  const secret = parsed.success ? requestUriSecret(parsed.data.request_uri) : null;
  if (!parsed.success || !secret) return { refused: "malformed" };
  const binding = generateIdvToken();
  const link = generateLinkToken();
  return db().$transaction(async (tx) => {
    const found = await tx.idvAuthorization.findUnique({
      where: { requestUriHash: hashIdvToken(secret) },
      select: { id: true, employeeId: true, client: { select: { clientId: true, name: true, revokedAt: true } }, employee: { select: { login: true } } },
    });
    if (!found || found.client.clientId !== parsed.data.client_id || found.client.revokedAt) return { refused: "unknown_request" } as const;
    // One conditional write: of two browsers (or a replay) racing on the same request_uri, one wins.
    const spent = await tx.idvAuthorization.updateMany({ where: { id: found.id, requestUriUsedAt: null, requestUriExpiresAt: { gt: new Date() } }, data: { requestUriUsedAt: new Date() } });
    if (spent.count !== 1) return { refused: "unknown_request" } as const;
    const policy = await getCurrentPolicy(tx);
    const verificationId = randomUUID();
    const expiresAt = new Date(Math.min(Date.now() + IDV_VERIFICATION_MINUTES * 60_000, Date.now() + policy.linkLifetimeMinutes * 60_000));
    await tx.verificationRequest.create({
      data: {
        id: verificationId,
        employeeId: found.employeeId,
        policyId: policy.id,
        purpose: "IDP_VERIFICATION",
        // No agent: the person started recovery at the IdP themselves, so the self-service steps and rules apply.
        initiatorType: "SELF_SERVE",
        reasonNote: null,
        linkTokenHash: link.hash,
        sealedLinkToken: sealSecret(link.token, `verification-link:${verificationId}`),
        expiresAt,
      },
    });
    await tx.idvAuthorization.update({ where: { id: found.id }, data: { verificationRequestId: verificationId, browserBindingHash: binding.hash } });
    await recordAuditEvent(tx, {
      actor: { type: "ANONYMOUS", label: `sent by IdP client ${found.client.name}` },
      action: "idv.verification_started",
      target: { type: "verification_request", id: verificationId, ...(found.employee ? { label: found.employee.login } : {}) },
      request,
      details: { authorizationId: found.id, clientId: found.client.clientId, policyVersion: policy.version },
    });
    return { bindingToken: binding.token, expiresAt };
  });
}
