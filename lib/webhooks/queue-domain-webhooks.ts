import type { Tx } from "@/lib/db/prisma";
import { queueWebhookEvent } from "@/lib/webhooks/queue-webhook-event";
import { credentialResetData, syncFailedData, verificationDecidedData } from "@/lib/webhooks/webhook-payloads";

/**
 * The product's events as webhooks, each called inside the transaction that makes the change (after its update),
 * so the payload reads what is being committed. Each selects only the columns its payload carries.
 */
export async function queueVerificationDecidedWebhook(tx: Tx, verificationId: string): Promise<void> {
  const row = await tx.verificationRequest.findUnique({
    where: { id: verificationId },
    select: { id: true, employeeId: true, purpose: true, status: true, externalTicketRef: true, initiatorType: true, decidedAt: true, failureReason: true, decision: true },
  });
  if (row) await queueWebhookEvent(tx, { type: "verification.decided", data: verificationDecidedData(row) });
}

type ResetEvent = "credential_reset.completed" | "credential_reset.failed" | "credential_reset.refused";

export async function queueCredentialResetWebhook(tx: Tx, resetId: string, type: ResetEvent, extra: { roles?: readonly string[] } = {}): Promise<void> {
  const row = await tx.credentialReset.findUnique({
    where: { id: resetId },
    select: { id: true, requestId: true, employeeId: true, action: true, status: true, failedStep: true, completedAt: true, request: { select: { externalTicketRef: true } } },
  });
  if (row) await queueWebhookEvent(tx, { type, data: credentialResetData(row, type === "credential_reset.refused" ? extra : {}) });
}

export async function queueSyncFailedWebhook(tx: Tx, run: { id: string; connectionId: string; mode: string; finishedAt: Date }): Promise<void> {
  await queueWebhookEvent(tx, { type: "directory.sync_failed", data: syncFailedData(run) });
}
