import "server-only";
import { forbidden, redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CurrentConsoleUser, getCurrentConsoleUser } from "@/lib/auth/current-user";
import { secondFactorSatisfied } from "@/lib/auth/resolve-console-session";
import { type Permission, roleHasPermission } from "@/lib/auth/permissions";
import { mapDatabaseError } from "@/lib/db/map-database-error";
import { db } from "@/lib/db/prisma";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { getRequestContext, type RequestContext } from "@/lib/http/request-context";
import { CONTROL_CHARACTER_MESSAGE, findControlCharacterPath } from "@/lib/validation/control-characters";

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]> };

type Denial = "unauthenticated" | "password_change_required" | "second_factor_required" | "forbidden";

async function authorise(permission: Permission): Promise<{ user: CurrentConsoleUser } | { denial: Denial; user?: CurrentConsoleUser }> {
  const user = await getCurrentConsoleUser();
  if (!user) return { denial: "unauthenticated" };
  if (user.mustChangePassword) return { denial: "password_change_required", user };
  // A password alone is not a console session: the passkey (or TOTP) step must have succeeded too.
  if (!secondFactorSatisfied(user)) return { denial: "second_factor_required", user };
  if (!roleHasPermission(user.role, permission)) {
    await recordAuditEvent(db(), {
      actor: consoleUserActor(user),
      action: "access.denied",
      request: await getRequestContext(),
      details: { permission },
    });
    return { denial: "forbidden", user };
  }
  return { user };
}

/** For pages and layouts: the signed-in user holding `permission`, or a redirect / 403 page. */
export async function requirePagePermission(permission: Permission): Promise<CurrentConsoleUser> {
  const result = await authorise(permission);
  if ("denial" in result) {
    if (result.denial === "unauthenticated") redirect("/sign-in");
    if (result.denial === "password_change_required") redirect("/change-password");
    if (result.denial === "second_factor_required") redirect("/second-factor");
    forbidden();
  }
  return result.user;
}

const DENIAL_MESSAGES: Record<Denial, string> = {
  unauthenticated: "Your session has ended. Sign in again.",
  password_change_required: "Choose a new password before doing anything else.",
  second_factor_required: "Confirm your sign-in with your passkey first.",
  forbidden: "You do not have permission to do that.",
};

type ActionContext = { user: CurrentConsoleUser; request: RequestContext };

/** An AppError, or the 4xx a database error caused by input stands for; null for real faults (they stay a 500). */
function knownFailure(error: unknown): AppError | null {
  unstable_rethrow(error);
  return error instanceof AppError ? error : mapDatabaseError(error);
}

/**
 * Where a control character hides in a route handler's request: the query string, the path parameters, or a JSON
 * or URL-encoded body (read from a clone, so the handler can still read it). Null when there is none.
 */
async function controlCharacterPathOf(request: Request, params: unknown): Promise<string | null> {
  const found = findControlCharacterPath(new URL(request.url).searchParams) ?? findControlCharacterPath(params);
  if (found !== null || request.method === "GET" || request.method === "HEAD" || !request.body) return found;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return findControlCharacterPath(await request.clone().json().catch(() => null));
  if (type.includes("application/x-www-form-urlencoded")) return findControlCharacterPath(new URLSearchParams(await request.clone().text()));
  return null;
}

/**
 * Builds a server action that checks `permission` on the server, refuses control characters (NUL…) anywhere in the
 * raw input before any schema or handler sees them, parses its input with `schema`, and maps AppErrors and
 * input-caused database errors to a result the form can show. Every exported action goes through this; nothing
 * else is exported from a "use server" file.
 */
export function protectedAction<Schema extends z.ZodType, T>(
  permission: Permission,
  schema: Schema,
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const result = await authorise(permission);
    if ("denial" in result) return { ok: false, code: result.denial, error: DENIAL_MESSAGES[result.denial] };
    const controlPath = findControlCharacterPath(input);
    if (controlPath !== null) return { ok: false, code: "invalid_input", error: CONTROL_CHARACTER_MESSAGE, fieldErrors: { [controlPath]: [CONTROL_CHARACTER_MESSAGE] } };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "form";
        (fieldErrors[field] ??= []).push(issue.message);
      }
      return { ok: false, code: "invalid_input", error: "Check the highlighted fields.", fieldErrors };
    }
    try {
      return { ok: true, data: await handler(parsed.data, { user: result.user, request: await getRequestContext() }) };
    } catch (error) {
      const known = knownFailure(error);
      if (known) return { ok: false, code: known.code, error: known.message, fieldErrors: known.fieldErrors };
      throw error;
    }
  };
}

/**
 * For the sign-in's second step only (passkey assertion, first enrolment): a signed-in session that has its
 * password right but may still owe the second factor. No console permission is implied by it.
 */
export function pendingSessionAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentConsoleUser();
    if (!user) return { ok: false, code: "unauthenticated", error: DENIAL_MESSAGES.unauthenticated };
    if (user.mustChangePassword) return { ok: false, code: "password_change_required", error: DENIAL_MESSAGES.password_change_required };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, code: "invalid_input", error: "The passkey answer could not be read. Try again." };
    try {
      return { ok: true, data: await handler(parsed.data, { user, request: await getRequestContext() }) };
    } catch (error) {
      const known = knownFailure(error);
      if (known) return { ok: false, code: known.code, error: known.message, fieldErrors: known.fieldErrors };
      throw error;
    }
  };
}

/**
 * Route-handler counterpart of `protectedAction`: 401/403 JSON unless the caller holds `permission`, 400 for a
 * control character in the query, path or body, and AppErrors and input-caused database errors as their 4xx.
 */
export function protectedRoute<Params>(
  permission: Permission,
  handler: (request: Request, context: ActionContext & { params: Params }) => Promise<Response>,
): (request: Request, route: { params: Promise<Params> }) => Promise<Response> {
  return async (request, route) => {
    const result = await authorise(permission);
    if ("denial" in result) {
      const status = result.denial === "unauthenticated" ? 401 : 403;
      return Response.json({ error: DENIAL_MESSAGES[result.denial], code: result.denial }, { status });
    }
    const params = await route.params;
    const controlPath = await controlCharacterPathOf(request, params);
    if (controlPath !== null) return Response.json({ error: CONTROL_CHARACTER_MESSAGE, code: "invalid_input", field: controlPath }, { status: 400 });
    try {
      return await handler(request, { user: result.user, request: await getRequestContext(), params });
    } catch (error) {
      const known = knownFailure(error);
      if (known) return Response.json({ error: known.message, code: known.code }, { status: HTTP_STATUS_BY_CODE[known.code] });
      throw error;
    }
  };
}
