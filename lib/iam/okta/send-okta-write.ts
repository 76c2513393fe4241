import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { callOktaApi } from "@/lib/iam/okta/call-okta-api";
import { getOktaPrivilegedRoles } from "@/lib/iam/okta/get-okta-privileged-roles";
import { mapOktaWriteError, type OktaWriteAction } from "@/lib/iam/okta/map-okta-write-error";

const forbiddenSchema = z.object({ status: z.literal(403), errorCode: z.literal("E0000006") });

/**
 * One Okta write on a user, with errors mapped for the helpdesk. On 403 E0000006 the user's roles are read (best
 * effort) so the message can say "privileged target"; a failing lookup leaves the generic one.
 */
export async function sendOktaWrite(
  client: Client,
  orgUrl: string,
  userId: string,
  request: { method: "POST" | "DELETE"; path: string; query?: Record<string, string> },
  action: OktaWriteAction,
): Promise<unknown> {
  try {
    return await callOktaApi(client, orgUrl, request);
  } catch (error) {
    throw await explainOktaWriteFailure(client, orgUrl, userId, error, action);
  }
}

/** The ProviderError for a failed write on `userId`, reading the user's roles when Okta answered E0000006. */
export async function explainOktaWriteFailure(client: Client, orgUrl: string, userId: string, error: unknown, action: OktaWriteAction) {
  const roles = forbiddenSchema.safeParse(error).success ? await getOktaPrivilegedRoles(client, orgUrl, userId).catch(() => null) : null;
  return mapOktaWriteError(error, action, roles);
}
