import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getServerEnv } from "@/lib/config/server-env";
import { toJson } from "@/lib/db/to-json";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";
import { WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
import { sealWalletSecrets } from "@/lib/wallet/presentations/wallet-presentation-secrets";
import { walletRequestPlan } from "@/lib/wallet/presentations/wallet-request-plan";
import { buildDigitalCredentialRequests, createWalletRequestSecrets } from "@/lib/wallet/protocol/build-wallet-requests";
import { type DigitalCredentialRequest, WALLET_REQUEST_LIFETIME_MS } from "@/lib/wallet/protocol/wallet-protocols";

export type IssuedWalletRequest = { presentationId: string; requests: DigitalCredentialRequest[]; expiresAt: string; attemptsLeft: number };

/** The origin a wallet's device signature must cover: this server's public one (APP_URL), whatever a page claims. */
export function walletOrigin(): string {
  return new URL(getServerEnv().APP_URL).origin;
}

/**
 * Issues one Digital Credentials request for the verification in this browser session: fresh nonce and one-time
 * keys (sealed), the elements the policy needs, bound to this session and answerable once within five minutes.
 * Each request spends a wallet attempt first, in one conditional UPDATE, so a burst gets no more than the policy's
 * attempts; then the row and its audit event are written together.
 */
export async function requestWalletPresentation(session: VerificationSession, request?: { ip?: string; userAgent?: string }): Promise<IssuedWalletRequest> {
  if (session.status !== "IN_PROGRESS" || !session.sessionTokenHash) throw new AppError("conflict", "This verification is no longer in progress.");
  if (nextVerificationStep(session) !== "DOCUMENT") throw new AppError("conflict", "This verification is not waiting for an ID document.");
  const [reserved] = await db().verificationRequest.updateManyAndReturn({
    where: { id: session.id, status: "IN_PROGRESS", walletAttempts: { lt: session.policy.maxAttempts } },
    data: { walletAttempts: { increment: 1 } },
    select: { walletAttempts: true },
  });
  if (!reserved) throw new AppError("conflict", "No wallet attempts are left for this verification. Photograph your document instead.");

  const presentationId = randomUUID();
  const secrets = await createWalletRequestSecrets();
  const requested = walletRequestPlan(session);
  const requests = buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested);
  const expiresAt = new Date(Date.now() + WALLET_REQUEST_LIFETIME_MS);
  await db().$transaction(async (tx) => {
    await tx.walletPresentation.create({
      data: { id: presentationId, requestId: session.id, sessionTokenHash: session.sessionTokenHash!, origin: walletOrigin(), requested: toJson(requested), sealedSecrets: sealWalletSecrets(presentationId, secrets), expiresAt },
    });
    await recordAuditEvent(tx, {
      actor: verificationActor(session),
      action: "verification.wallet_requested",
      target: verificationTarget(session),
      request,
      details: { presentationId, protocols: requests.map((entry) => entry.protocol), elements: requested },
    });
  });
  return { presentationId, requests, expiresAt: expiresAt.toISOString(), attemptsLeft: session.policy.maxAttempts - reserved.walletAttempts };
}
