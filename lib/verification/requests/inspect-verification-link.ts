import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { VerificationPurpose } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";
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
          actor: verificationActor(found),
          action: "verification.opened",
          target: verificationTarget(found),
          request,
        });
      }
    });
  }
  const selfServe = found.initiatorType === "SELF_SERVE";
  const steps: string[] = [];
  if (found.policy.requirePossessionCode && !selfServe) steps.push("Enter a 6-digit code we send to your work e-mail or phone");
  if (found.policy.requireIdDocument) steps.push("Take a photo of your driver's licence, ID card or passport");
  steps.push("Confirm a few details about yourself");
  if (found.policy.requirePossessionCode && selfServe) steps.push("Enter a 6-digit code we text to the mobile phone on record");
  return {
    state: "READY",
    // A self-service link was asked for by whoever typed an address: greeting them by name would confirm it exists.
    employeeFirstName: selfServe ? null : (found.employee?.firstName ?? null),
    requestedBy: found.initiatedBy ? `${found.initiatedBy.name} (IT service desk)` : "You, through the self-service portal",
    purpose: found.purpose,
    reasonNote: found.reasonNote,
    expiresAt: found.expiresAt,
    steps,
  };
}
