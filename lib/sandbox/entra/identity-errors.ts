import { randomUUID } from "node:crypto";
import type { Context } from "hono";

/** The identity platform's documented error codes the sandbox answers, with the OAuth error and status Entra pairs them with. */
export const AADSTS = {
  tenantNotFound: { code: 90002, error: "invalid_request", status: 400 },
  unsupportedGrant: { code: 70003, error: "unsupported_grant_type", status: 400 },
  missingParameter: { code: 900144, error: "invalid_request", status: 400 },
  invalidScope: { code: 1002012, error: "invalid_scope", status: 400 },
  appNotFound: { code: 700016, error: "unauthorized_client", status: 400 },
  consentMissing: { code: 65001, error: "invalid_grant", status: 400 },
  badSecret: { code: 7000215, error: "invalid_client", status: 401 },
  expiredSecret: { code: 7000222, error: "invalid_client", status: 401 },
  badAssertionSignature: { code: 700027, error: "invalid_client", status: 401 },
  assertionAppIdMismatch: { code: 700021, error: "invalid_client", status: 401 },
  assertionAudienceMismatch: { code: 700023, error: "invalid_client", status: 401 },
  assertionExpired: { code: 700024, error: "invalid_client", status: 401 },
  invalidAssertion: { code: 50027, error: "invalid_request", status: 400 },
  noCredential: { code: 7000218, error: "invalid_client", status: 401 },
  redirectUriMismatch: { code: 50011, error: "invalid_request", status: 400 },
  commonTenantRefused: { code: 50194, error: "invalid_request", status: 400 },
} as const;

export type AadstsKind = keyof typeof AADSTS;

/** Entra's timestamp style in error bodies: "2024-05-01 09:12:44Z". */
function entraTimestamp(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}

/** The identity platform's error body: `{error, error_description: "AADSTSn: ...", error_codes, timestamp, trace_id, correlation_id}`. */
export function identityErrorBody(kind: AadstsKind, message: string) {
  const { code, error } = AADSTS[kind];
  const now = new Date();
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    error,
    error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${entraTimestamp(now)}`,
    error_codes: [code],
    timestamp: entraTimestamp(now),
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

export function identityError(c: Context, kind: AadstsKind, message: string): Response {
  return c.json(identityErrorBody(kind, message), AADSTS[kind].status);
}

/** The identity platform's HTML error page (consent flow errors are shown, never redirected). */
export function identityErrorPage(c: Context, kind: AadstsKind, message: string): Response {
  const { code } = AADSTS[kind];
  const safe = escapeHtml(`AADSTS${code}: ${message}`);
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title></head><body><main><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">${safe}</p></main></body></html>`, 400);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
