import { toJson } from "@/lib/db/to-json";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import type { ResetOwner } from "@/lib/credential-reset/pending-reset-secret";
import type { ResetStepId } from "@/lib/credential-reset/reset-steps";
import { AppError } from "@/lib/errors";

export const resetStepRecordSchema = z.object({ step: z.string(), at: z.string(), detail: z.string() });
export type ResetStepRecord = z.infer<typeof resetStepRecordSchema>;

/** The steps a reset row records, parsed (a row written by an older version may lack some). */
export function parseResetSteps(steps: unknown): ResetStepRecord[] {
  const parsed = z.array(resetStepRecordSchema).safeParse(steps);
  return parsed.success ? parsed.data : [];
}

/**
 * Before a provider call: what the pages show as running, and what a failure is attributed to. Also the guard
 * of every provider write: only the run that owns a RUNNING reset gets past it (see beginCredentialReset). A
 * reset begun before owners were recorded (in flight during an upgrade) has none: the first run to get here
 * takes it, in the same conditional UPDATE, so even then only one run writes.
 */
export async function markResetStep(owner: ResetOwner, step: ResetStepId): Promise<void> {
  const marked = await db().credentialReset.updateMany({
    where: { id: owner.resetId, status: "RUNNING", OR: [{ jobRunId: owner.runId }, { jobRunId: null }] },
    data: { currentStep: step, jobRunId: owner.runId },
  });
  // A conflict: the workflow stops without retrying (lib/jobs translates AppError into a non-retriable failure).
  if (marked.count !== 1) throw new AppError("conflict", "This reset is no longer run by this workflow; nothing was changed.");
}

/**
 * After a provider call succeeded: appends the step (with a detail free of secrets) and audits it, together.
 * A step replayed after a crash between the call and this write would append twice; the list is keyed by step
 * name, so a duplicate is skipped.
 */
export async function recordResetStep(resetId: string, step: ResetStepId, detail: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const reset = await tx.credentialReset.findUniqueOrThrow({ where: { id: resetId }, select: { steps: true, employee: { select: { login: true } } } });
    const steps = parseResetSteps(reset.steps);
    if (steps.some((recorded) => recorded.step === step)) return;
    steps.push({ step, at: new Date().toISOString(), detail });
    await tx.credentialReset.update({ where: { id: resetId }, data: { steps: toJson(steps) } });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "reset workflow" },
      action: "credential_reset.step_completed",
      target: { type: "credential_reset", id: resetId, label: reset.employee.login },
      details: { step, detail },
    });
  });
}
