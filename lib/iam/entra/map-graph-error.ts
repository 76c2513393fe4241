import { GraphError } from "@microsoft/microsoft-graph-client";
import { ProviderError } from "@/lib/iam/identity-provider";
import { outboundFailureOf } from "@/lib/iam/outbound/outbound-errors";

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Turns what the Graph SDK throws into a ProviderError. The SDK has already retried 429/503/504 three times
 * (honouring Retry-After) by then; what is left is for the sync job to retry later. `what` names the resource
 * so a 404 on the group reads as the admin's problem.
 */
export function mapGraphError(error: unknown, what: "group" | "user" | "delta"): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof GraphError) || error.statusCode <= 0) {
    // The SDK wraps what our HTTP handler threw in a GraphError whose code is the original error's name.
    const failure = outboundFailureOf(error);
    if (failure === "blocked") return new ProviderError(`The Graph URL was refused: ${error instanceof Error ? error.message : ""}`, { retryable: false, problem: "endpoint_not_allowed" });
    if (failure === "timeout") return new ProviderError("Microsoft Graph did not answer in time; retry later.", { retryable: true, problem: "unreachable" });
    return new ProviderError("Microsoft Graph could not be reached: check the network and the Graph host.", { retryable: true, problem: "unreachable" });
  }
  const status = error.statusCode;
  if (status === 429 || status === 503 || status === 504 || status >= 500) {
    return new ProviderError(`Microsoft Graph answered ${status}${error.code ? ` ${error.code}` : ""}; retry later.`, { retryable: true, status, retryAfterMs: retryAfterMs(error.headers) });
  }
  if (status === 403) {
    return new ProviderError(
      "The app lacks a Graph permission (Authorization_RequestDenied): grant GroupMember.Read.All and User.Read.All as application permissions, then grant admin consent again.",
      { retryable: false, status, problem: "missing_permission" },
    );
  }
  if (status === 404 && what === "group") {
    return new ProviderError("The group was not found in the tenant: copy the group's Object ID from Entra > Groups.", { retryable: false, status, problem: "group_not_found" });
  }
  if (status === 410 && what === "delta") {
    return new ProviderError("The delta link has expired (410 resyncRequired): the sync starts over with a full pass.", { retryable: false, status, problem: "delta_expired" });
  }
  if (status === 401) {
    return new ProviderError("Microsoft Graph refused the access token (401) even after a fresh token: check the tenant and the Graph host.", { retryable: false, status, problem: "invalid_credentials" });
  }
  return new ProviderError(`Microsoft Graph answered ${status}${error.code ? ` ${error.code}` : ""}.`, { retryable: false, status, problem: "unknown" });
}
