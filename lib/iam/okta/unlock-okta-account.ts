import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import type { UnlockResult } from "@/lib/iam/identity-provider";
import { callOktaApi } from "@/lib/iam/okta/call-okta-api";
import { explainOktaWriteFailure } from "@/lib/iam/okta/send-okta-write";

const notLockedSchema = z.object({ errorCode: z.literal("E0000032") });

/**
 * `lifecycle/unlock`: LOCKED_OUT -> ACTIVE. Okta answers 403 E0000032 for a user who is not locked out, which is
 * also what a retry after a successful unlock sees: reported as `not_locked`, not as an error.
 */
export async function unlockOktaAccount(client: Client, orgUrl: string, userId: string): Promise<UnlockResult> {
  const action = { does: "unlock the account", scope: "okta.users.manage" };
  try {
    await callOktaApi(client, orgUrl, { method: "POST", path: `/users/${encodeURIComponent(userId)}/lifecycle/unlock` });
    return { outcome: "unlocked", message: "The account is unlocked." };
  } catch (error) {
    if (notLockedSchema.safeParse(error).success) return { outcome: "not_locked", message: "The account was not locked out." };
    throw await explainOktaWriteFailure(client, orgUrl, userId, error, action);
  }
}
