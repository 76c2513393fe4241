import { z } from "zod";
import { db } from "@/lib/db/prisma";

export const beginResultSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("RUNNING"), action: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]), connectionId: z.uuid(), externalId: z.string().min(1), provider: z.enum(["ENTRA", "OKTA"]), issueTemporaryAccessPass: z.boolean(), oktaPasswordResetMethod: z.enum(["TEMPORARY_PASSWORD", "RESET_LINK"]) }),
  z.object({ status: z.enum(["QUEUED", "SUCCEEDED", "FAILED", "REFUSED"]) }),
]);
export type BeginResult = z.infer<typeof beginResultSchema>;

/**
 * First step: a QUEUED reset becomes RUNNING and the workflow reads what it acts on. Anything else (a reset
 * already settled) stops the workflow with nothing done.
 */
export async function beginCredentialReset(resetId: string): Promise<BeginResult> {
  await db().credentialReset.updateMany({ where: { id: resetId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
  const reset = await db().credentialReset.findUniqueOrThrow({
    where: { id: resetId },
    select: { status: true, action: true, employee: { select: { externalId: true, connectionId: true, connection: { select: { provider: true } } } }, request: { select: { policy: { select: { issueTemporaryAccessPass: true, oktaPasswordResetMethod: true } } } } },
  });
  if (reset.status !== "RUNNING") return { status: reset.status };
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
