/** Expected, user-facing failures. Boundaries map them to a form message or HTTP status in one place each. */
export type AppErrorCode = "invalid_input" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "rate_limited" | "step_up_required";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  // The caller is signed in and allowed, but must prove a second factor again first (lib/auth/require-recent-second-factor.ts).
  step_up_required: 403,
};
