import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { apiKeyActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type AuthenticatedApiKey, authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import { problemResponse } from "@/lib/api/problem-details";
import { mapDatabaseError } from "@/lib/db/map-database-error";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";
import { getRequestContext, type RequestContext } from "@/lib/http/request-context";
import { CONTROL_CHARACTER_MESSAGE, findControlCharacterPath } from "@/lib/validation/control-characters";

const MAX_BODY_BYTES = 16 * 1024;

export type ApiContext<Input> = { key: AuthenticatedApiKey; request: RequestContext; input: Input };

type ApiOperation<Schema extends z.ZodType> = {
  /** The OpenAPI operationId, also the audit event's `operation`. */
  operation: string;
  scope: ApiKeyScope;
  /**
   * Parses what the route reads: `{ params, query }` for every method, plus `body` (JSON) for POST. Everything
   * the client sent is refused with a 400 problem if it does not parse, before the handler runs.
   */
  input: Schema;
  handler: (context: ApiContext<z.output<Schema>>) => Promise<Response>;
};

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) (errors[issue.path.join(".") || "request"] ??= []).push(issue.message);
  return errors;
}

async function readJsonBody(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("invalid_input", "Send the body as JSON with `Content-Type: application/json`.");
  }
  const raw = (await readLimitedBody(request, MAX_BODY_BYTES)).toString("utf8");
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.");
  }
}

/**
 * The /api/v1 counterpart of `protectedRoute`: the API key is authenticated, scoped and rate-limited
 * (lib/api-keys), the input parsed with the operation's zod schema (the same one its OpenAPI document is
 * generated from), failures answered as RFC 9457 problems, and every call that got past authentication recorded
 * as `api.called` under the key's name with the operation and the status it got.
 */
export function apiRoute<Params, Schema extends z.ZodType>(operation: ApiOperation<Schema>): (request: Request, route: { params: Promise<Params> }) => Promise<Response> {
  return async (request, route) => {
    const context = await getRequestContext();
    const authenticated = await authenticateApiKey(request.headers.get("authorization"), operation.scope, context, operation.operation);
    if ("refusal" in authenticated) return problemResponse(authenticated.refusal);
    const { key } = authenticated;
    let response: Response;
    try {
      const url = new URL(request.url);
      const raw = {
        // Next passes no params object at all to a route without dynamic segments.
        params: (await route.params) ?? {},
        query: Object.fromEntries(url.searchParams),
        ...(request.method === "POST" ? { body: await readJsonBody(request) } : {}),
      };
      const controlPath = findControlCharacterPath(raw);
      if (controlPath !== null) {
        response = problemResponse({ code: "invalid_input", detail: CONTROL_CHARACTER_MESSAGE, errors: { [controlPath]: [CONTROL_CHARACTER_MESSAGE] } });
      } else {
        const parsed = operation.input.safeParse(raw);
        response = parsed.success
          ? await operation.handler({ key, request: context, input: parsed.data })
          : problemResponse({ code: "invalid_input", detail: "Check the fields named in `errors`.", errors: fieldErrorsOf(parsed.error) });
      }
    } catch (error) {
      unstable_rethrow(error);
      const known = error instanceof AppError ? error : mapDatabaseError(error);
      if (error instanceof BodyTooLargeError) response = problemResponse({ code: "payload_too_large", detail: error.message });
      // API keys have no second factor to step up with; no /api/v1 operation asks for one, but never leak the code.
      else if (known) response = problemResponse({ code: known.code === "step_up_required" ? "forbidden" : known.code, detail: known.message, errors: known.fieldErrors });
      else {
        console.error(`verifyd: /api/v1 ${operation.operation} failed`, error instanceof Error ? error.name : "unknown error");
        response = problemResponse({ code: "internal", detail: "The request could not be completed. Try again; if it keeps failing, tell your administrator." });
      }
    }
    await recordAuditEvent(db(), { actor: apiKeyActor(key), action: "api.called", request: context, details: { operation: operation.operation, method: request.method, status: response.status } });
    return response;
  };
}
