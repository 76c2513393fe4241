import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { ProviderError, type ResetMfaResult } from "@/lib/iam/identity-provider";
import { callOktaApi } from "@/lib/iam/okta/call-okta-api";
import { mapOktaWriteError } from "@/lib/iam/okta/map-okta-write-error";
import { sendOktaWrite } from "@/lib/iam/okta/send-okta-write";

const factorsSchema = z.array(z.looseObject({ id: z.string(), factorType: z.string() }));

/**
 * Lists the enrolled factors (to report them: kind and id, never the phone or e-mail) and unenrolls them all with
 * `lifecycle/reset_factors`. A retry lists nothing and removes nothing. Okta has no Temporary Access Pass: the
 * employee re-enrolls at next sign-in, as the org's enrollment policy asks.
 */
export async function resetOktaMfa(client: Client, orgUrl: string, userId: string): Promise<ResetMfaResult> {
  const user = `/users/${encodeURIComponent(userId)}`;
  let listed: unknown;
  try {
    listed = await callOktaApi(client, orgUrl, { method: "GET", path: `${user}/factors` });
  } catch (error) {
    throw mapOktaWriteError(error, { does: "list the employee's factors", scope: "okta.users.read" }, null);
  }
  const factors = factorsSchema.safeParse(listed);
  if (!factors.success) throw new ProviderError("Okta returned an unexpected factor list.", { retryable: false, problem: "unknown" });
  if (factors.data.length > 0) {
    await sendOktaWrite(client, orgUrl, userId, { method: "POST", path: `${user}/lifecycle/reset_factors` }, { does: "reset the employee's factors", scope: "okta.users.manage" });
  }
  return { removed: factors.data.map((factor) => ({ kind: factor.factorType, id: factor.id })), kept: [], temporaryAccessPass: null };
}
