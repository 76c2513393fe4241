import "server-only";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { mapDatabaseError } from "@/lib/db/map-database-error";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { getRequestContext, type RequestContext } from "@/lib/http/request-context";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { CONTROL_CHARACTER_MESSAGE, findControlCharacterPath } from "@/lib/validation/control-characters";
import { loadVerificationSession, VERIFICATION_SESSION_COOKIE, type VerificationSession } from "@/lib/verification/requests/load-verification-session";

/** What every employee-facing action answers: data, or one message for the form (and per-field messages). */
export type PublicActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "session_ended"; error: string; fieldErrors?: Record<string, string[]> };

/**
 * The verification session an action needs from the browser's cookie: none (the portal, the link's start),
 * one still IN_PROGRESS (the steps), or a VERIFIED one of a known employee (resets and their secrets).
 */
export type SessionNeed = "none" | "in-progress" | "verified";
type SessionFor<Need extends SessionNeed> = Need extends "none" ? null : VerificationSession;

export type PublicActionContext<Need extends SessionNeed> = { request: RequestContext; session: SessionFor<Need> };

export type PublicActionOptions<Need extends SessionNeed, Schema extends z.ZodType> = {
  /** Per-network ceiling, counted first: every call counts, refused ones too. */
  limit: RateLimitRule;
  /** Runs when the ceiling refuses a call (e.g. to audit it). */
  onRateLimited?: (request: RequestContext) => Promise<unknown>;
  session: Need;
  /** The input schema, or one built from the session (the details form asks exactly what the session needs). */
  schema: Schema | ((session: SessionFor<Need>) => Schema);
  /** The form's message when the schema refuses (the per-field messages come from the schema). */
  invalidMessage?: string;
};

const SLOW_DOWN = "Too many attempts from this network. Wait a few minutes and try again.";
const SESSION_ENDED = "This verification session has ended. Open your link again, or start again from the self-service portal.";
const INVALID = "Check the highlighted fields.";

function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path.map(String).join(".") || "form"] ??= []).push(issue.message);
  return fieldErrors;
}

async function sessionFor(need: SessionNeed): Promise<VerificationSession | null> {
  const session = await loadVerificationSession((await cookies()).get(VERIFICATION_SESSION_COOKIE)?.value);
  if (need === "in-progress") return session?.status === "IN_PROGRESS" ? session : null;
  return session?.status === "VERIFIED" && session.employeeId ? session : null;
}

function refusal(error: unknown): PublicActionResult<never> | null {
  const known = error instanceof AppError ? error : mapDatabaseError(error);
  return known ? { ok: false, code: known.code, error: known.message, fieldErrors: known.fieldErrors } : null;
}

/**
 * Builds an employee-facing server action, the public counterpart of `protectedAction`: the network's rate
 * limit, then a refusal of control characters anywhere in the raw input (before any schema, so no handler or
 * query ever sees a NUL), then the session cookie, then the zod schema; AppErrors and input-caused database
 * errors become a result, anything else stays a 500. Next's redirect() inside the handler passes through.
 */
export function publicAction<Need extends SessionNeed, Schema extends z.ZodType, T>(
  options: PublicActionOptions<Need, Schema>,
  handler: (input: z.output<Schema>, context: PublicActionContext<Need>) => Promise<T>,
): (input: unknown) => Promise<PublicActionResult<T>> {
  return async (input) => {
    const request = await getRequestContext();
    if ((await hitRateLimit(options.limit, request.ip)).limited) {
      await options.onRateLimited?.(request);
      return { ok: false, code: "rate_limited", error: SLOW_DOWN };
    }
    const controlPath = findControlCharacterPath(input);
    if (controlPath !== null) return { ok: false, code: "invalid_input", error: CONTROL_CHARACTER_MESSAGE, fieldErrors: { [controlPath]: [CONTROL_CHARACTER_MESSAGE] } };
    const session = (options.session === "none" ? null : await sessionFor(options.session)) as SessionFor<Need>;
    if (options.session !== "none" && !session) return { ok: false, code: "session_ended", error: SESSION_ENDED };
    const schema = typeof options.schema === "function" ? options.schema(session) : options.schema;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error.issues);
      return { ok: false, code: "invalid_input", error: options.invalidMessage ?? parsed.error.issues[0]?.message ?? INVALID, fieldErrors };
    }
    try {
      return { ok: true, data: await handler(parsed.data, { request, session }) };
    } catch (error) {
      unstable_rethrow(error);
      const refused = refusal(error);
      if (refused) return refused;
      throw error;
    }
  };
}
