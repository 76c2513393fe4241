import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { ConsoleRole, VerificationInitiator } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { roleHasPermission, VERIFICATION_ACTS, type VerificationAct } from "@/lib/auth/permissions";

export type VerificationActor = { id: string; email: string; role: ConsoleRole };
export type VerificationOwnership = { initiatorType: VerificationInitiator; initiatedById: string | null };

/** True when `user` started this verification from the console (never for a self-service one). */
export function isVerificationInitiator(user: { id: string }, verification: VerificationOwnership): boolean {
  return verification.initiatorType === "CONSOLE_USER" && verification.initiatedById === user.id;
}

/**
 * Whether `user` may perform `act` on this verification under `VERIFICATION_ACTS`: the act's permission, and being
 * its initiating agent unless the user also holds the act's `othersNeed`. For pages deciding what to offer; every
 * entry point that acts calls `assertMayActOnVerification` as well.
 */
export function mayActOnVerification(user: { id: string; role: ConsoleRole }, verification: VerificationOwnership, act: VerificationAct): boolean {
  const rule = VERIFICATION_ACTS[act];
  if (!roleHasPermission(user.role, rule.permission)) return false;
  if (isVerificationInitiator(user, verification)) return true;
  return rule.othersNeed !== null && roleHasPermission(user.role, rule.othersNeed);
}

const REFUSALS: Record<VerificationAct, string> = {
  view_link: "Only the agent who started this verification can see its link.",
  resend_link: "Only the agent who started this verification can send its link again.",
  confirm_binding: "Only the agent who started this verification can confirm the caller.",
  start_reset: "Only the agent who started this verification, and confirmed the caller, can reset for them.",
  cancel: "Only the agent who started this verification, or an administrator, can cancel it.",
};

export type VerificationAccess = {
  /** False when the user acts on someone else's verification through `othersNeed` (audit it as a take-over). */
  ownVerification: boolean;
  initiatedById: string | null;
};

/**
 * The server-side check for every console entry point that acts on one verification (server actions, route
 * handlers). Unknown ids and unmatched self-service attempts (which concern nobody) are "not found"; a refusal is
 * audited as `access.denied` and thrown as `forbidden`. The initiator never changes after creation, so reading it
 * here before the act itself opens no race.
 */
export async function assertMayActOnVerification(
  user: VerificationActor,
  verificationId: string,
  act: VerificationAct,
  request?: { ip?: string; userAgent?: string },
): Promise<VerificationAccess> {
  const verification = await db().verificationRequest.findUnique({
    where: { id: verificationId },
    select: { initiatorType: true, initiatedById: true, employeeId: true, employee: { select: { login: true } } },
  });
  if (!verification?.employeeId) throw new AppError("not_found", "This verification does not exist.");
  if (!mayActOnVerification(user, verification, act)) {
    await recordAuditEvent(db(), {
      actor: consoleUserActor(user),
      action: "access.denied",
      target: { type: "verification_request", id: verificationId, label: verification.employee?.login },
      request,
      details: { permission: VERIFICATION_ACTS[act].permission, act, reason: verification.initiatorType === "SELF_SERVE" ? "self_service" : "not_initiator" },
    });
    throw new AppError("forbidden", REFUSALS[act]);
  }
  return { ownVerification: isVerificationInitiator(user, verification), initiatedById: verification.initiatedById };
}
