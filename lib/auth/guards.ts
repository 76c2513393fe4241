import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CurrentConsoleUser, getCurrentConsoleUser } from "@/lib/auth/current-user";
import { type Permission, roleHasPermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { getRequestContext, type RequestContext } from "@/lib/http/request-context";

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]> };

type Denial = "unauthenticated" | "password_change_required" | "forbidden";

async function authorise(permission: Permission): Promise<{ user: CurrentConsoleUser } | { denial: Denial; user?: CurrentConsoleUser }> {
  const user = await getCurrentConsoleUser();
  if (!user) return { denial: "unauthenticated" };
  if (user.mustChangePassword) return { denial: "password_change_required", user };
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
    forbidden();
  }
  return result.user;
}

const DENIAL_MESSAGES: Record<Denial, string> = {
  unauthenticated: "Your session has ended. Sign in again.",
  password_change_required: "Choose a new password before doing anything else.",
  forbidden: "You do not have permission to do that.",
};

type ActionContext = { user: CurrentConsoleUser; request: RequestContext };

/**
 * Builds a server action that checks `permission` on the server, parses its input with `schema`, and maps
 * AppErrors to a result the form can show. Every exported action goes through this; nothing else is exported
 * from a "use server" file.
 */
export function protectedAction<Schema extends z.ZodType, T>(
  permission: Permission,
  schema: Schema,
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const result = await authorise(permission);
    if ("denial" in result) return { ok: false, code: result.denial, error: DENIAL_MESSAGES[result.denial] };
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
      if (error instanceof AppError) return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
      throw error;
    }
  };
}

/** Route-handler counterpart of `protectedAction`: 401/403 JSON unless the caller holds `permission`. */
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
    try {
      return await handler(request, { user: result.user, request: await getRequestContext(), params: await route.params });
    } catch (error) {
      if (error instanceof AppError) {
        return Response.json({ error: error.message, code: error.code }, { status: HTTP_STATUS_BY_CODE[error.code] });
      }
      throw error;
    }
  };
}
