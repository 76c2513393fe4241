import { z } from "zod";
import { credentialResetDataSchema, syncFailedDataSchema, verificationDecidedDataSchema } from "@/lib/webhooks/webhook-payload-schemas";
import type { WebhookMessageType } from "@/lib/webhooks/webhook-schemas";

/**
 * What each event's `data` carries: ids, statuses and outcomes, and the ticket a verification belongs to. Never
 * names, e-mail addresses, phone numbers, logins, compared values or document data: a receiver that needs the
 * person looks them up with the API (employeeId), under a key's scopes and audit.
 */
const storedDecisionSchema = z.object({
  claims: z.array(z.object({ claim: z.string(), outcome: z.string(), requirement: z.string() })).default([]),
  assurance: z.object({ level: z.string(), meetsPolicy: z.boolean() }).optional(),
});

export type VerificationForWebhook = {
  id: string;
  employeeId: string | null;
  purpose: string;
  status: string;
  externalTicketRef: string | null;
  initiatorType: string;
  decidedAt: Date | null;
  failureReason: string | null;
  decision: unknown;
};

export function verificationDecidedData(row: VerificationForWebhook) {
  const parsed = storedDecisionSchema.safeParse(row.decision ?? {});
  const decision = parsed.success ? parsed.data : { claims: [], assurance: undefined };
  return verificationDecidedDataSchema.parse({
    verificationId: row.id,
    employeeId: row.employeeId,
    ticket: row.externalTicketRef,
    purpose: row.purpose,
    initiator: row.initiatorType,
    status: row.status,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    assuranceLevel: decision.assurance?.level ?? null,
    meetsPolicy: decision.assurance?.meetsPolicy ?? null,
    claims: decision.claims.map(({ claim, outcome, requirement }) => ({ claim, outcome, requirement })),
    failureReason: row.status === "FAILED" ? row.failureReason : null,
  });
}

export type ResetForWebhook = {
  id: string;
  requestId: string;
  employeeId: string;
  action: string;
  status: string;
  failedStep: string | null;
  completedAt: Date | null;
  request: { externalTicketRef: string | null };
};

/** A reset's outcome. A refusal names the roles found (role names, not people); a failure names its step only. */
export function credentialResetData(row: ResetForWebhook, extra: { roles?: readonly string[] } = {}) {
  return credentialResetDataSchema.parse({
    resetId: row.id,
    verificationId: row.requestId,
    employeeId: row.employeeId,
    ticket: row.request.externalTicketRef,
    action: row.action,
    status: row.status,
    failedStep: row.status === "SUCCEEDED" ? null : row.failedStep,
    completedAt: row.completedAt?.toISOString() ?? null,
    ...(extra.roles ? { reason: "privileged_account", roles: [...extra.roles] } : {}),
  });
}

export function syncFailedData(run: { id: string; connectionId: string; mode: string; finishedAt: Date }) {
  return syncFailedDataSchema.parse({ syncRunId: run.id, connectionId: run.connectionId, mode: run.mode, failedAt: run.finishedAt.toISOString() });
}

/** The signed body: Standard Webhooks' recommended `{ type, timestamp, data }`. */
export type WebhookPayload = { type: WebhookMessageType; timestamp: string; data: Record<string, unknown> };

export function webhookPayload(type: WebhookMessageType, data: Record<string, unknown>, now: Date): WebhookPayload {
  return { type, timestamp: now.toISOString(), data };
}

/** Stored payloads, read back before they are signed. */
export const storedPayloadSchema = z.object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) });
