import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The Okta error codes the sandbox answers with, with Okta's status and summary for each. */
export const OKTA_ERRORS = {
  E0000001: { status: 400, summary: "Api validation failed" },
  E0000006: { status: 403, summary: "You do not have permission to perform the requested action" },
  E0000007: { status: 404, summary: "Not found: Resource not found" },
  E0000010: { status: 503, summary: "Service is in read only mode" },
  E0000011: { status: 401, summary: "Invalid token provided" },
  E0000022: { status: 405, summary: "The endpoint does not support the provided HTTP method" },
  E0000031: { status: 400, summary: "Invalid search criteria." },
  E0000032: { status: 403, summary: "Unlock is not allowed for this user." },
  E0000038: { status: 403, summary: "This operation is not allowed in the user's current status." },
  E0000047: { status: 429, summary: "API call exceeded rate limit due to too many requests." },
  E0000053: { status: 400, summary: "Invalid SCIM filter." },
} as const satisfies Record<string, { status: ContentfulStatusCode; summary: string }>;
export type OktaErrorCode = keyof typeof OKTA_ERRORS;

/** Okta's error body: `{errorCode, errorSummary, errorLink, errorId, errorCauses}`. */
export function oktaErrorBody(code: OktaErrorCode, causes: string[] = [], summary?: string) {
  return {
    errorCode: code,
    errorSummary: summary ?? OKTA_ERRORS[code].summary,
    errorLink: code,
    errorId: `oae${randomBytes(12).toString("base64url")}`,
    errorCauses: causes.map((cause) => ({ errorSummary: cause })),
  };
}

export function oktaError(c: Context, code: OktaErrorCode, causes: string[] = [], summary?: string): Response {
  return c.json(oktaErrorBody(code, causes, summary), OKTA_ERRORS[code].status);
}

/** OAuth 2.0 error responses of the authorization server: `{error, error_description}`. */
export function oauthError(c: Context, status: 400 | 401, error: string, description: string): Response {
  return c.json({ error, error_description: description }, status);
}
