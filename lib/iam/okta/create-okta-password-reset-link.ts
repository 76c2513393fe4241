import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { ProviderError, type PasswordResetLink } from "@/lib/iam/identity-provider";
import { sendOktaWrite } from "@/lib/iam/okta/send-okta-write";

// An http(s) URL only: the link is shown to people, so a `javascript:` or other scheme must never pass as one.
const resetLinkSchema = z.object({ resetPasswordUrl: z.url({ protocol: /^https?$/ }) });

/**
 * `lifecycle/reset_password?sendEmail=false&revokeSessions=true`: Okta puts the user in RECOVERY, signs them out
 * everywhere and returns a one-time reset URL instead of emailing it. A raw request (like the temp password) so the
 * URL cannot be lost to the SDK's typed model. A retry after a failure is safe; a retry after a success issues a
 * new link (the old one stops working), so the job step memoises the result.
 */
export async function createOktaPasswordResetLink(client: Client, orgUrl: string, userId: string): Promise<PasswordResetLink> {
  const body = await sendOktaWrite(
    client,
    orgUrl,
    userId,
    { method: "POST", path: `/users/${encodeURIComponent(userId)}/lifecycle/reset_password`, query: { sendEmail: "false", revokeSessions: "true" } },
    { does: "create a password reset link", scope: "okta.users.manage" },
  );
  const parsed = resetLinkSchema.safeParse(body);
  if (!parsed.success) throw new ProviderError("Okta did not return a password reset link.", { retryable: false, problem: "unknown" });
  return { url: parsed.data.resetPasswordUrl };
}
