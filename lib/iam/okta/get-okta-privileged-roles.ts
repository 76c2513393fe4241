import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import { callOktaApi } from "@/lib/iam/okta/call-okta-api";
import { mapOktaWriteError } from "@/lib/iam/okta/map-okta-write-error";
import { privilegedRoleName } from "@/lib/iam/okta/okta-privileged-roles";

const rolesSchema = z.array(z.looseObject({ type: z.string(), label: z.string().nullish(), status: z.string().nullish() }));

/** The user's admin role assignments (`GET /users/{id}/roles`, okta.roles.read); inactive ones do not count. */
export async function getOktaPrivilegedRoles(client: Client, orgUrl: string, userId: string): Promise<string[]> {
  let body: unknown;
  try {
    body = await callOktaApi(client, orgUrl, { method: "GET", path: `/users/${encodeURIComponent(userId)}/roles` });
  } catch (error) {
    throw mapOktaWriteError(error, { does: "read the employee's admin roles", scope: "okta.roles.read" }, null);
  }
  const roles = rolesSchema.safeParse(body);
  if (!roles.success) throw new ProviderError("Okta returned an unexpected role list.", { retryable: false, problem: "unknown" });
  return [...new Set(roles.data.filter((role) => role.status !== "INACTIVE").map(privilegedRoleName))];
}
