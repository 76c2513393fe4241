import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { ProviderError, type ResetPasswordResult } from "@/lib/iam/identity-provider";
import { sendOktaWrite } from "@/lib/iam/okta/send-okta-write";

const tempPasswordSchema = z.object({ tempPassword: z.string().min(1) });

/**
 * Expires the password and has Okta generate a temporary one (`expire_password_with_temp_password`), which the
 * employee must change at next sign-in. Okta's API takes no password of ours here, so the one Okta generated is
 * returned (the caller's suggestion is unused). A retry after a failure is safe; a retry after a success issues a
 * new temporary password, so the job step memoises the result. Sessions are revoked by `revokeSessions`.
 */
export async function resetOktaPassword(client: Client, orgUrl: string, userId: string): Promise<ResetPasswordResult> {
  const body = await sendOktaWrite(
    client,
    orgUrl,
    userId,
    { method: "POST", path: `/users/${encodeURIComponent(userId)}/lifecycle/expire_password_with_temp_password`, query: { revokeSessions: "false" } },
    { does: "reset the password", scope: "okta.users.manage" },
  );
  const parsed = tempPasswordSchema.safeParse(body);
  if (!parsed.success) throw new ProviderError("Okta did not return a temporary password.", { retryable: false, problem: "unknown" });
  return { temporaryPassword: parsed.data.tempPassword };
}
