import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { VerificationPurpose } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { expireIfDue } from "@/lib/verification/requests/expire-verification";
import { hashToken, isWellFormedToken } from "@/lib/verification/requests/verification-secrets";

export type LinkUnavailableReason = "NOT_FOUND" | "EXPIRED" | "USED" | "CANCELLED";

export type VerificationLinkView =
  | { state: "READY"; employeeFirstName: string | null; requestedBy: string; purpose: VerificationPurpose; reasonNote: string | null; expiresAt: Date; steps: string[] }
  | { state: LinkUnavailableReason };

/**
 * What the employee sees when they open their link. Only looks, never consumes: mail scanners follow links,
 * so the link is spent by the explicit "Start" (startVerification), not by this page view.
 */
export async function inspectVerificationLink(token: string, request?: { ip?: string; userAgent?: string }): Promise<VerificationLinkView> {
  if (!isWellFormedToken(token)) return { state: "NOT_FOUND" };
  const found = await db().verificationRequest.findUnique({
    where: { linkTokenHash: hashToken(token) },
    include: { employee: { select: { firstName: true, login: true } }, initiatedBy: { select: { name: true } }, policy: true },
  });
  if (!found) return { state: "NOT_FOUND" };
  const current = await expireIfDue(found);
  if (current.status === "EXPIRED") return { state: "EXPIRED" };
  if (current.status === "CANCELLED") return { state: "CANCELLED" };
  if (found.linkConsumedAt || !["PENDING", "OPENED"].includes(current.status)) return { state: "USED" };

  if (found.status === "PENDING") {
    await db().$transaction(async (tx) => {
      const marked = await tx.verificationRequest.updateMany({ where: { id: found.id, status: "PENDING" }, data: { status: "OPENED", openedAt: new Date() } });
      if (marked.count === 1) {
        await recordAuditEvent(tx, {
          actor: { type: "EMPLOYEE", id: found.employeeId, label: found.employee.login },
          action: "verification.opened",
          target: { type: "verification_request", id: found.id, label: found.employee.login },
          request,
        });
      }
    });
  }
  const steps: string[] = [];
  if (found.policy.requirePossessionCode) steps.push("Enter a 6-digit code we send to your work e-mail or phone");
  if (found.policy.requireIdDocument) steps.push("Take a photo of your driver's licence, ID card or passport");
  steps.push("Confirm a few details about yourself");
  return {
    state: "READY",
    employeeFirstName: found.employee.firstName,
    requestedBy: found.initiatedBy ? `${found.initiatedBy.name} (IT service desk)` : "You, through the self-service portal",
    purpose: found.purpose,
    reasonNote: found.reasonNote,
    expiresAt: found.expiresAt,
    steps,
  };
}
