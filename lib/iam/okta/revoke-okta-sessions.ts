import type { Client } from "@okta/okta-sdk-nodejs";
import { sendOktaWrite } from "@/lib/iam/okta/send-okta-write";

/**
 * Clears the user's Okta sessions and revokes the OAuth tokens Okta issued to them (`oauthTokens=true`), 204.
 * Idempotent at Okta: clearing twice clears nothing the second time.
 */
export async function revokeOktaSessions(client: Client, orgUrl: string, userId: string): Promise<void> {
  await sendOktaWrite(
    client,
    orgUrl,
    userId,
    { method: "DELETE", path: `/users/${encodeURIComponent(userId)}/sessions`, query: { oauthTokens: "true" } },
    { does: "sign the employee out", scope: "okta.users.manage" },
  );
}
