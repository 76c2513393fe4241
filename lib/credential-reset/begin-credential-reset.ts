import { z } from "zod";
import { db } from "@/lib/db/prisma";

export const beginResultSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("RUNNING"), action: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]), connectionId: z.uuid(), externalId: z.string().min(1), provider: z.enum(["ENTRA", "OKTA"]), issueTemporaryAccessPass: z.boolean(), oktaPasswordResetMethod: z.enum(["TEMPORARY_PASSWORD", "RESET_LINK"]) }),
  z.object({ status: z.enum(["QUEUED", "SUCCEEDED", "FAILED", "REFUSED"]) }),
  /** Another job run owns this reset (a duplicated event): this run must stop without touching anything. */
  z.object({ status: z.literal("OWNED_ELSEWHERE") }),
]);
export type BeginResult = z.infer<typeof beginResultSchema>;

/**
 * First step: a QUEUED reset becomes RUNNING and records `runId` as its owner, in one conditional UPDATE, so of
 * two runs for the same reset (a duplicated event, two Inngest runs interleaving their steps) exactly one owns
 * it. The owner replaying this step (a retry after a crash) finds itself and continues; any other run, or a
 * reset already settled, stops the workflow with nothing done.
 */
export async function beginCredentialReset(resetId: string, runId: string): Promise<BeginResult> {
  await db().credentialReset.updateMany({ where: { id: resetId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date(), jobRunId: runId } });
  const reset = await db().credentialReset.findUniqueOrThrow({
    where: { id: resetId },
    select: { status: true, jobRunId: true, action: true, employee: { select: { externalId: true, connectionId: true, connection: { select: { provider: true } } } }, request: { select: { policy: { select: { issueTemporaryAccessPass: true, oktaPasswordResetMethod: true } } } } },
  });
  if (reset.status !== "RUNNING") return { status: reset.status };
  if (reset.jobRunId !== runId) return { status: "OWNED_ELSEWHERE" };
  return {
    status: "RUNNING",
    action: reset.action,
    connectionId: reset.employee.connectionId,
    externalId: reset.employee.externalId,
    provider: reset.employee.connection.provider,
    issueTemporaryAccessPass: reset.request.policy.issueTemporaryAccessPass,
    oktaPasswordResetMethod: reset.request.policy.oktaPasswordResetMethod,
  };
}
