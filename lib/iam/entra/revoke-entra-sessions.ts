import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { sendEntraWrite } from "@/lib/iam/entra/send-entra-write";

const revokedSchema = z.object({ value: z.boolean() });

/**
 * Invalidates the user's refresh tokens and session cookies (POST revokeSignInSessions). Idempotent at Graph:
 * revoking twice only moves the cut-off time. Needs User.RevokeSessions.All.
 */
export async function revokeEntraSessions(graph: GraphCaller, userId: string): Promise<void> {
  const body = await sendEntraWrite(
    graph,
    userId,
    { method: "POST", path: `/users/${encodeURIComponent(userId)}/revokeSignInSessions` },
    { does: "sign the employee out", permission: "User.RevokeSessions.All" },
  );
  const parsed = revokedSchema.safeParse(body);
  if (!parsed.success || !parsed.data.value) throw new ProviderError("Microsoft Graph did not confirm the sign-out (revokeSignInSessions).", { retryable: true, problem: "unknown" });
}
