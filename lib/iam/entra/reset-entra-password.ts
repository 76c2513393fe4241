import type { ResetPasswordResult } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { sendEntraWrite } from "@/lib/iam/entra/send-entra-write";

/**
 * Sets `temporaryPassword` and forces a change at next sign-in (PATCH passwordProfile, 204). One provider action:
 * a retry after a failure is safe (the same password is set again); memoising a success is the job step's.
 * Needs User-PasswordProfile.ReadWrite.All and a directory role (Helpdesk Administrator or above) on the app.
 */
export async function resetEntraPassword(graph: GraphCaller, userId: string, input: { temporaryPassword: string }): Promise<ResetPasswordResult> {
  await sendEntraWrite(
    graph,
    userId,
    { method: "PATCH", path: `/users/${encodeURIComponent(userId)}`, body: { passwordProfile: { password: input.temporaryPassword, forceChangePasswordNextSignIn: true } } },
    { does: "reset the password", permission: "User-PasswordProfile.ReadWrite.All" },
  );
  return { temporaryPassword: input.temporaryPassword };
}
