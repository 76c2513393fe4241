import { z } from "zod";
import { type ConnectionProblem, ProviderError } from "@/lib/iam/identity-provider";
import { outboundFailureOf } from "@/lib/iam/outbound/outbound-errors";

/** A call that never got an HTTP answer: refused by the address guard, timed out, or a network failure. */
export function mapOktaTransportError(error: unknown): ProviderError {
  const failure = outboundFailureOf(error);
  const detail = error instanceof Error ? error.message : "";
  if (failure === "blocked") return new ProviderError(`The Okta org URL was refused: ${detail.replace(/^request to \S+ failed, reason: /, "")}`, { retryable: false, problem: "endpoint_not_allowed" });
  if (failure === "timeout") return new ProviderError("Okta did not answer in time; retry later, or check the org URL and the network.", { retryable: true, problem: "unreachable" });
  return new ProviderError("Okta could not be reached; check the org URL and the network.", { retryable: true, problem: "unreachable" });
}

/** What the SDK's OktaApiError carries (it is a plain class from JS; parse instead of trusting its typings). */
const apiErrorSchema = z.object({
  status: z.number(),
  errorCode: z.union([z.string(), z.number()]).optional(),
  errorSummary: z.string().optional(),
  headers: z.custom<{ get(name: string): string | null }>((value) => typeof value === "object" && value !== null && "get" in value && typeof value.get === "function").optional(),
});

/** Okta's rate-limit reset is an epoch second; relative to the server's Date header when present (clock skew). */
function retryAfterMs(headers: { get(name: string): string | null } | undefined): number | undefined {
  const reset = Number(headers?.get("x-rate-limit-reset"));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const serverNow = Date.parse(headers?.get("date") ?? "");
  const now = Number.isNaN(serverNow) ? Date.now() : serverNow;
  return Math.max(1000, reset * 1000 - now + 1000);
}

const PROBLEM_BY_CODE: Record<string, { problem: ConnectionProblem; message: string }> = {
  E0000006: {
    problem: "missing_admin_role",
    message: "Okta refused the call (E0000006): assign the Help Desk Administrator role, scoped to the employee group, to the service app.",
  },
  E0000007: { problem: "group_not_found", message: "Okta has no group with this id (E0000007): copy the group id from the group's page in the Okta admin console." },
  E0000011: {
    problem: "invalid_client",
    message: "Okta did not accept the access token (E0000011): check the client id and that the public key is registered on the service app.",
  },
};

/** Turns anything the SDK throws into a ProviderError: 429 and 5xx / network failures are retryable. */
export function mapOktaError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const parsed = apiErrorSchema.safeParse(error);
  // No HTTP status: DNS, refused connection, TLS, timeout, or the address guard.
  if (!parsed.success) return mapOktaTransportError(error);
  const { status, errorCode, headers } = parsed.data;
  if (status === 429) return new ProviderError("Okta rate limit reached (429).", { retryable: true, status, retryAfterMs: retryAfterMs(headers) });
  if (status >= 500) return new ProviderError(`Okta answered ${status}; retry later.`, { retryable: true, status });
  const known = PROBLEM_BY_CODE[String(errorCode ?? "")];
  if (known) return new ProviderError(known.message, { retryable: false, status, problem: known.problem });
  return new ProviderError(`Okta answered ${status}${errorCode ? ` ${errorCode}` : ""}.`, { retryable: false, status, problem: "unknown" });
}
