import { z } from "zod";
import { apiKeyActor, type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { credentialResetRequestedEvent } from "@/lib/credential-reset/credential-reset-event";
import { allowedResetActions } from "@/lib/credential-reset/reset-actions";
import { privilegedRefusal } from "@/lib/credential-reset/privileged-refusal";
import { Prisma } from "@/lib/db/generated/client";
import type { CredentialResetStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { recordJobEvents } from "@/lib/events/record-job-event";
import { queueCredentialResetWebhook } from "@/lib/webhooks/queue-domain-webhooks";

export const startCredentialResetSchema = z.object({
  requestId: z.uuid({ error: "Unknown verification." }),
  action: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"], { error: "Choose what to reset." }),
});
export type StartCredentialResetInput = z.input<typeof startCredentialResetSchema>;

/** The verified employee (from their verification session) or a console user acting for them. */
export type ResetInitiator =
  | { type: "EMPLOYEE" }
  | { type: "CONSOLE_USER"; user: { id: string; email: string } }
  /** A ticketing tool acting for its agent, with the key that started the verification. */
  | { type: "API_KEY"; apiKey: { id: string; name: string } };

export type StartedCredentialReset = { id: string; status: CredentialResetStatus; created: boolean };

/**
 * Starts one reset workflow for a VERIFIED verification: checks the purpose, the policy, the reset window, and
 * for an agent that the caller was bound by read-back code; refuses administrator accounts known from the last
 * sync at once (the workflow checks the live roles again before any write). The row, its audit event and its job
 * event commit together; the job event is forwarded to the runtime after the commit. Starting the same action twice returns the first one.
 */
export async function startCredentialReset(
  rawInput: StartCredentialResetInput,
  initiator: ResetInitiator,
  request?: { ip?: string; userAgent?: string },
): Promise<StartedCredentialReset> {
  const input = startCredentialResetSchema.parse(rawInput);
  const started = await createResetRow(input, initiator, request).catch(async (error: unknown) => {
    // A double click (or the employee and the agent at once) raced past the lookup: the first one stands.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const first = await db().credentialReset.findUniqueOrThrow({ where: { requestId_action: { requestId: input.requestId, action: input.action } }, select: { id: true, status: true } });
    return { ...first, created: false };
  });
  // The event was written with the row; a job service that does not take it now gets it from the sweep.
  // A refusal queued its webhook the same way.
  if (started.created) await forwardJobEvents();
  return started;
}

/** The checks and the row with its audit events, in one transaction. */
function createResetRow(input: z.output<typeof startCredentialResetSchema>, initiator: ResetInitiator, request?: { ip?: string; userAgent?: string }): Promise<StartedCredentialReset> {
  return db().$transaction(async (tx) => {
    const verification = await tx.verificationRequest.findUnique({
      where: { id: input.requestId },
      include: { policy: true, employee: { include: { connection: { select: { provider: true, status: true } } } } },
    });
    const employee = verification?.employee;
    if (!verification || !employee) throw new AppError("not_found", "This verification does not exist.");
    const actor: AuditActor =
      initiator.type === "CONSOLE_USER" ? { type: "CONSOLE_USER", id: initiator.user.id, label: initiator.user.email } : initiator.type === "API_KEY" ? apiKeyActor(initiator.apiKey) : { type: "EMPLOYEE", id: employee.id, label: employee.login };
    const existing = await tx.credentialReset.findUnique({ where: { requestId_action: { requestId: verification.id, action: input.action } }, select: { id: true, status: true } });
    if (existing) return { ...existing, created: false };

    const allowed = allowedResetActions({ ...verification, provider: employee.connection.provider, policy: verification.policy });
    if (!allowed.includes(input.action)) {
      throw new AppError("forbidden", verification.status === "VERIFIED" ? "This verification no longer allows that: it is not part of its purpose, the policy does not allow it, or more than 30 minutes have passed." : "Only a verified identity allows a reset.");
    }
    // DECISIONS 26: an agent resets only on a verification they started (assertMayActOnVerification checks it too).
    if (initiator.type === "CONSOLE_USER" && verification.initiatorType === "CONSOLE_USER" && verification.initiatedById !== initiator.user.id) {
      throw new AppError("forbidden", "Only the agent who started this verification, and confirmed the caller, can reset for them.");
    }
    if (initiator.type === "CONSOLE_USER" && (verification.initiatorType !== "CONSOLE_USER" || !verification.bindingConfirmedAt)) {
      throw new AppError("conflict", "Confirm the caller first: type the code from the employee's screen.");
    }
    if (initiator.type === "API_KEY" && (verification.initiatorType !== "API_CLIENT" || verification.initiatedByApiKeyId !== initiator.apiKey.id)) {
      throw new AppError("forbidden", "Only the API key that started this verification can reset for the caller.");
    }
    if (initiator.type === "API_KEY" && !verification.bindingConfirmedAt) {
      throw new AppError("conflict", "Confirm the caller first: send the code from the employee's screen to the caller-confirmation endpoint.");
    }
    if (employee.membership !== "ACTIVE" || employee.connection.status !== "ACTIVE") {
      throw new AppError("conflict", "The employee's directory connection is not active; nothing can be reset now.");
    }

    const refusal = employee.adminRoles.length > 0 ? privilegedRefusal(employee.adminRoles) : null;
    const reset = await tx.credentialReset.create({
      data: {
        requestId: verification.id,
        employeeId: employee.id,
        action: input.action,
        initiatorType: initiator.type === "CONSOLE_USER" ? "CONSOLE_USER" : initiator.type === "API_KEY" ? "API_CLIENT" : "SELF_SERVE",
        initiatedById: initiator.type === "CONSOLE_USER" ? initiator.user.id : null,
        ...(refusal ? { status: "REFUSED", failedStep: "check-admin-roles", failureReason: refusal, completedAt: new Date() } : {}),
      },
      select: { id: true, status: true },
    });
    const target = { type: "credential_reset", id: reset.id, label: employee.login };
    await recordAuditEvent(tx, { actor, action: "credential_reset.requested", target, request, details: { action: input.action, verificationId: verification.id } });
    if (refusal) {
      await queueCredentialResetWebhook(tx, reset.id, "credential_reset.refused", { roles: employee.adminRoles });
      await recordAuditEvent(tx, { actor: { type: "SYSTEM", label: "reset workflow" }, action: "credential_reset.refused", target, details: { action: input.action, roles: employee.adminRoles, source: "last directory sync" } });
    } else {
      await recordJobEvents(tx, credentialResetRequestedEvent(reset.id));
    }
    return { ...reset, created: true };
  });
}
