import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { deliverOutboxMessage, queueEmail, queueSms, verificationLinkEmail, verificationLinkSms } from "@/lib/notifications";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { verificationLinkUrl } from "@/lib/verification/requests/create-verification-request";
import { mobileOnRecord } from "@/lib/verification/requests/possession-code";
import { PURPOSE_LABELS } from "@/lib/verification/requests/verification-labels";

// Enough for "it went to spam", too few to flood an employee's inbox or phone.
const RESEND_LIMIT = { name: "verification:resend", limit: 3, windowSeconds: 3600 };

/** Sends the same, still unused link again through the channel it first went by. */
export async function resendVerificationLink(id: string, actor: AuditActor & { type: "CONSOLE_USER" }, agentName: string, request?: { ip?: string; userAgent?: string }): Promise<void> {
  const verification = await db().verificationRequest.findUnique({ where: { id }, include: { employee: true } });
  if (!verification?.employee || !verification.sealedLinkToken || !["PENDING", "OPENED"].includes(verification.status) || verification.expiresAt <= new Date()) {
    throw new AppError("conflict", "This link can no longer be sent: it was used, cancelled or has expired.");
  }
  if (!verification.linkChannel) throw new AppError("conflict", "This link was handed over in person; show the QR code again instead.");
  if ((await hitRateLimit(RESEND_LIMIT, id)).count > RESEND_LIMIT.limit) throw new AppError("rate_limited", "This link was already sent again 3 times in the last hour.");
  const link = verificationLinkUrl(openSecret(verification.sealedLinkToken, `verification-link:${id}`));
  const purposeLabel = PURPOSE_LABELS[verification.purpose];
  const related = { type: "verification_request", id };
  const { employee } = verification;
  const mobile = mobileOnRecord(employee);
  const messageId = await db().$transaction(async (tx) => {
    const queued =
      verification.linkChannel === "SMS" && mobile
        ? await queueSms(tx, { to: mobile, text: verificationLinkSms({ purposeLabel, url: link }), related })
        : employee.email
          ? await queueEmail(tx, {
              to: employee.email,
              ...verificationLinkEmail({ employeeFirstName: employee.firstName ?? "there", requestedBy: `${agentName} from the IT service desk`, purposeLabel, url: link, expiresAt: verification.expiresAt }),
              related,
            })
          : null;
    if (!queued) throw new AppError("conflict", "The address this link went to is no longer on record.");
    await recordAuditEvent(tx, { actor, action: "verification.link_resent", target: { type: "verification_request", id, label: employee.login }, request, details: { channel: verification.linkChannel } });
    return queued;
  });
  await deliverOutboxMessage(messageId);
}

/** The still-startable link of a verification, for the agent to show as a QR code or read out; null otherwise. */
export async function openVerificationLink(verification: { id: string; status: string; sealedLinkToken: string | null; expiresAt: Date }): Promise<string | null> {
  if (!verification.sealedLinkToken || !["PENDING", "OPENED"].includes(verification.status) || verification.expiresAt <= new Date()) return null;
  return verificationLinkUrl(openSecret(verification.sealedLinkToken, `verification-link:${verification.id}`));
}
