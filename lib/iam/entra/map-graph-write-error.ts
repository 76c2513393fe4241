import { GraphError } from "@microsoft/microsoft-graph-client";
import { ProviderError } from "@/lib/iam/identity-provider";
import { mapGraphError } from "@/lib/iam/entra/map-graph-error";

/** What a write was doing, in the admin's words, and the application permission it needs. */
export type GraphWriteAction = { does: string; permission: string };

/**
 * Maps what a Graph write threw. Graph answers 403 Authorization_RequestDenied both when the app lacks the
 * permission and when the target holds a directory role above the app's: `privilegedRoles` (looked up after the
 * 403) tells the two apart. Throttling and 5xx stay retryable (mapGraphError, after the SDK's own retries).
 */
export function mapGraphWriteError(error: unknown, action: GraphWriteAction, privilegedRoles: string[] | null): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof GraphError)) return mapGraphError(error, "user");
  const status = error.statusCode;
  if (status === 403 && privilegedRoles && privilegedRoles.length > 0) {
    return new ProviderError(
      `Microsoft Graph refused to ${action.does}: the employee holds ${privilegedRoles.join(", ")}. Administrators are reset by another administrator in the Entra admin center.`,
      { retryable: false, status, problem: "privileged_target" },
    );
  }
  if (status === 403) {
    return new ProviderError(
      `Microsoft Graph refused to ${action.does} (403 Authorization_RequestDenied): grant the app ${action.permission} as an application permission and admin consent again; if it has it, the employee may hold an admin role the app's directory role cannot manage.`,
      { retryable: false, status, problem: "missing_permission" },
    );
  }
  if (status === 404) return new ProviderError(`Microsoft Graph could not ${action.does}: the employee no longer exists in the tenant.`, { retryable: false, status, problem: "user_not_found" });
  if (status === 400) {
    // Graph's message is safe to show (it never echoes the password) and says what to change.
    return new ProviderError(`Microsoft Graph refused to ${action.does}: ${error.message || error.code || "bad request"}.`, { retryable: false, status, problem: "unknown" });
  }
  return mapGraphError(error, "user");
}
