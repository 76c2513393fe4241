import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FaultResponses } from "@/lib/sandbox/shared/faults";

/** Seconds a throttled client is told to wait. Short, so that SDK retries in tests and demos stay quick. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * A response in Graph's error format: `{"error":{"code","message","innerError":{"date","request-id",
 * "client-request-id"}}}`, with the request ids also in headers as Graph sends them.
 */
export function graphError(c: Context, status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}): Response {
  const requestId = randomUUID();
  const clientRequestId = c.req.header("client-request-id") ?? requestId;
  const body = { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ""), "request-id": requestId, "client-request-id": clientRequestId } } };
  return c.json(body, status, { "request-id": requestId, "client-request-id": clientRequestId, ...headers });
}

export const graphFaultResponses: FaultResponses = {
  throttled: (c) => graphError(c, 429, "TooManyRequests", "Too many requests.", { "Retry-After": String(RETRY_AFTER_SECONDS) }),
  serverError: (c) => graphError(c, 503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later."),
};

export function forbidden(c: Context): Response {
  return graphError(c, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
}

export function userNotFound(c: Context, id: string): Response {
  return graphError(c, 404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

export function badRequest(c: Context, message: string, code = "BadRequest"): Response {
  return graphError(c, 400, code, message);
}
