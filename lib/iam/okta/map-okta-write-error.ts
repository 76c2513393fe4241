import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";

/** What a write was doing, in the admin's words, and the API scope it needs. */
export type OktaWriteAction = { does: string; scope: string };

const apiErrorSchema = z.object({ status: z.number(), errorCode: z.union([z.string(), z.number()]).optional() });

/**
 * Maps what the SDK threw during a helpdesk write. Okta answers 403 E0000006 both for a missing scope / role and
 * for a target holding an admin role: `privilegedRoles` (looked up after the 403) tells the two apart. 429 and
 * 5xx stay retryable (mapOktaError); E0000011 here usually means the token lacks the extra okta.roles.read scope
 * (the SDK swallows token errors and sends "Bearer undefined").
 */
export function mapOktaWriteError(error: unknown, action: OktaWriteAction, privilegedRoles: string[] | null): ProviderError {
  if (error instanceof ProviderError) return error;
  const parsed = apiErrorSchema.safeParse(error);
  if (!parsed.success) return mapOktaError(error);
  const { status } = parsed.data;
  const code = String(parsed.data.errorCode ?? "");
  if (code === "E0000006" && privilegedRoles && privilegedRoles.length > 0) {
    return new ProviderError(`Okta refused to ${action.does}: the employee holds ${privilegedRoles.join(", ")}. Administrators are reset by another administrator in the Okta admin console.`, {
      retryable: false,
      status,
      problem: "privileged_target",
    });
  }
  if (code === "E0000006") {
    return new ProviderError(
      `Okta refused to ${action.does} (E0000006): grant the service app the ${action.scope} scope and the Help Desk Administrator role for the employee group; if it has both, the employee may be outside the group or hold an admin role.`,
      { retryable: false, status, problem: "missing_admin_role" },
    );
  }
  if (code === "E0000011") {
    return new ProviderError(`Okta did not accept the access token to ${action.does} (E0000011): grant the service app ${action.scope} and okta.roles.read on its Okta API Scopes tab, and check its public key.`, {
      retryable: false,
      status,
      problem: "missing_permission",
    });
  }
  if (code === "E0000007") return new ProviderError(`Okta could not ${action.does}: the employee no longer exists in the org (E0000007).`, { retryable: false, status, problem: "user_not_found" });
  if (code === "E0000038") return new ProviderError(`Okta cannot ${action.does} in the account's current status (E0000038), e.g. suspended or deactivated.`, { retryable: false, status, problem: "account_state" });
  return mapOktaError(error);
}
