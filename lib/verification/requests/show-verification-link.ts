import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { assertMayActOnVerification, type VerificationActor } from "@/lib/verification/requests/verification-access";
import { openVerificationLink } from "@/lib/verification/requests/resend-verification-link";

/**
 * The still-startable link of a verification, for the agent who started it to hand over (QR code, read out).
 * Anyone holding it can start the verification, so each display is audited in the transaction that opens the
 * sealed copy: no event, no link. Null once the link can no longer be started; `forbidden` for anyone but the
 * initiating agent (a self-service link is never shown to the console).
 */
export async function showVerificationLink(user: VerificationActor, verificationId: string, request?: { ip?: string; userAgent?: string }): Promise<string | null> {
  await assertMayActOnVerification(user, verificationId, "view_link", request);
  return db().$transaction(async (tx) => {
    const verification = await tx.verificationRequest.findUnique({
      where: { id: verificationId },
      select: { id: true, status: true, sealedLinkToken: true, expiresAt: true, linkChannel: true, employee: { select: { login: true } } },
    });
    const link = verification ? await openVerificationLink(verification) : null;
    if (!verification || !link) return null;
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: "verification.link_viewed",
      target: { type: "verification_request", id: verification.id, label: verification.employee?.login },
      request,
      details: { channel: verification.linkChannel ?? "IN_PERSON" },
    });
    return link;
  });
}
