import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CredentialResetAction } from "@/lib/db/generated/enums";
import { db, type Tx } from "@/lib/db/prisma";
import { credentialResetEmail, credentialResetSms, deliverOutboxMessage, queueEmail, queueSms } from "@/lib/notifications";
import { mobileOnRecord } from "@/lib/verification/requests/possession-code";
import { privilegedRefusal } from "@/lib/credential-reset/privileged-refusal";
import type { ResetOwner } from "@/lib/credential-reset/pending-reset-secret";
import { parseResetSteps } from "@/lib/credential-reset/reset-progress";
import { type SecretKind, stepChangedAccount } from "@/lib/credential-reset/reset-steps";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { queueCredentialResetWebhook } from "@/lib/webhooks/queue-domain-webhooks";


const WORKFLOW = { type: "SYSTEM" as const, label: "reset workflow" };

/** A short reference the employee can quote to the service desk (the start of the reset's id). */
export function resetReference(resetId: string): string {
  return resetId.slice(0, 8).toUpperCase();
}

const NOTICE: Record<CredentialResetAction, { whatHappened: string; nextStep: string }> = {
  PASSWORD_RESET: { whatHappened: "Your password was reset", nextStep: "Sign in with the temporary password you were shown; you will be asked to choose a new password." },
  MFA_RESET: { whatHappened: "Your sign-in methods (MFA) were reset", nextStep: "At your next sign-in you will be asked to set up your sign-in methods again." },
  ACCOUNT_UNLOCK: { whatHappened: "Your account was unlocked", nextStep: "You can sign in again with your current password." },
};

/** Queues the "this happened to your account" notice to every address on record. Returns the message ids. */
async function queueResetNotices(tx: Tx, resetId: string): Promise<string[]> {
  const reset = await tx.credentialReset.findUniqueOrThrow({
    where: { id: resetId },
    select: { action: true, initiatorType: true, initiatedBy: { select: { name: true } }, employee: { select: { firstName: true, email: true, mobilePhone: true, country: true } } },
  });
  const notice = {
    ...NOTICE[reset.action],
    firstName: reset.employee.firstName ?? "there",
    by: reset.initiatedBy ? `${reset.initiatedBy.name} from the IT service desk` : reset.initiatorType === "API_CLIENT" ? "the IT service desk" : "you, through the self-service portal",
    at: new Date(),
    reference: resetReference(resetId),
  };
  const related = { type: "credential_reset", id: resetId };
  const ids: string[] = [];
  if (reset.employee.email) ids.push(await queueEmail(tx, { to: reset.employee.email, ...credentialResetEmail(notice), related }));
  const mobile = mobileOnRecord(reset.employee);
  if (mobile) ids.push(await queueSms(tx, { to: mobile, text: credentialResetSms(notice), related }));
  return ids;
}

/** After the commit: the notices, then the webhook deliveries' job (sent by a job, not here). */
async function deliverAll(ids: readonly string[]): Promise<void> {
  for (const id of ids) await deliverOutboxMessage(id);
  await forwardJobEvents();
}

/**
 * Last step: SUCCEEDED, the secret (already kept sealed on the row by the step that obtained it) made
 * revealable for its lifetime, the notices queued and the audit event, in one transaction, by the owning run
 * only. Replaying it after a crash changes nothing.
 */
export async function completeCredentialReset(owner: ResetOwner, input: { secret: { kind: SecretKind; minutes: number } | null; notify: boolean; summary: string }): Promise<{ completed: boolean }> {
  const { resetId } = owner;
  const messageIds = await db().$transaction(async (tx) => {
    const updated = await tx.credentialReset.updateMany({
      where: { id: resetId, status: "RUNNING", jobRunId: owner.runId },
      data: {
        status: "SUCCEEDED",
        completedAt: new Date(),
        currentStep: null,
        ...(input.secret
          ? { secretKind: input.secret.kind, secretExpiresAt: new Date(Date.now() + input.secret.minutes * 60_000) }
          : { sealedSecret: null, secretKind: null, secretExpiresAt: null }),
      },
    });
    if (updated.count !== 1) return null;
    await queueCredentialResetWebhook(tx, resetId, "credential_reset.completed");
    const reset = await tx.credentialReset.findUniqueOrThrow({ where: { id: resetId }, select: { action: true, employee: { select: { login: true } } } });
    await recordAuditEvent(tx, { actor: WORKFLOW, action: "credential_reset.completed", target: { type: "credential_reset", id: resetId, label: reset.employee.login }, details: { action: reset.action, summary: input.summary, secretShownOnce: input.secret?.kind ?? null } });
    return input.notify ? queueResetNotices(tx, resetId) : [];
  });
  if (messageIds === null) return { completed: false };
  await deliverAll(messageIds);
  return { completed: true };
}

/** The live role check found administrator roles: REFUSED before any write, explained, audited. */
export async function refuseCredentialReset(owner: ResetOwner, roles: readonly string[]): Promise<void> {
  const { resetId } = owner;
  await db().$transaction(async (tx) => {
    const refused = await tx.credentialReset.updateMany({
      where: { id: resetId, status: "RUNNING", jobRunId: owner.runId },
      data: { status: "REFUSED", currentStep: null, failedStep: "check-admin-roles", failureReason: privilegedRefusal(roles), completedAt: new Date() },
    });
    if (refused.count !== 1) return;
    await queueCredentialResetWebhook(tx, resetId, "credential_reset.refused", { roles });
    const reset = await tx.credentialReset.findUniqueOrThrow({ where: { id: resetId }, select: { action: true, employee: { select: { login: true } } } });
    await recordAuditEvent(tx, { actor: WORKFLOW, action: "credential_reset.refused", target: { type: "credential_reset", id: resetId, label: reset.employee.login }, details: { action: reset.action, roles: [...roles], source: "identity provider" } });
  });
  await forwardJobEvents();
}

/**
 * The workflow gave up (a refusal, or retries exhausted): FAILED at the step that was running, with the
 * provider's explanation for the service desk, and any secret kept for the employee forgotten. If something was
 * already changed, the employee is told too. `runId`: the failed run, which may only fail a reset it owns (a
 * duplicate run failing must not end the owner's work); without it (housekeeping) only a QUEUED reset fails.
 */
export async function failCredentialReset(resetId: string, reason: string, runId?: string): Promise<void> {
  const messageIds = await db().$transaction(async (tx) => {
    const reset = await tx.credentialReset.findUnique({ where: { id: resetId }, select: { status: true, action: true, currentStep: true, steps: true, employee: { select: { login: true } } } });
    if (!reset) return [];
    const failedStep = reset.currentStep ?? "queue";
    const failed = await tx.credentialReset.updateMany({
      where: { id: resetId, OR: [{ status: "QUEUED" }, ...(runId ? [{ status: "RUNNING" as const, jobRunId: runId }] : [])] },
      data: { status: "FAILED", failedStep, failureReason: reason.slice(0, 500), currentStep: null, completedAt: new Date(), sealedSecret: null, secretKind: null },
    });
    if (failed.count !== 1) return [];
    await queueCredentialResetWebhook(tx, resetId, "credential_reset.failed");
    await recordAuditEvent(tx, { actor: WORKFLOW, action: "credential_reset.failed", target: { type: "credential_reset", id: resetId, label: reset.employee.login }, details: { action: reset.action, failedStep, reason: reason.slice(0, 500) } });
    const changedSomething = parseResetSteps(reset.steps).some((step) => stepChangedAccount(step.step));
    return changedSomething ? queueResetNotices(tx, resetId) : [];
  });
  await deliverAll(messageIds);
}
