import type { AppErrorCode } from "@/lib/errors";
import { HTTP_STATUS_BY_CODE } from "@/lib/errors";

/** Every problem type /api/v1 answers with; `type` is `urn:verifyd:problem:<code>` (RFC 9457 §3.1.1 allows any URI). */
export const PROBLEM_CODES = ["invalid_input", "unauthenticated", "forbidden", "not_found", "conflict", "rate_limited", "payload_too_large", "internal"] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const TITLES: Record<ProblemCode, string> = {
  invalid_input: "The request is not valid",
  unauthenticated: "An API key is required",
  forbidden: "The API key may not do this",
  not_found: "Not found",
  conflict: "The request conflicts with the current state",
  rate_limited: "Too many requests",
  payload_too_large: "The request body is too large",
  internal: "Something went wrong on our side",
};

const STATUS: Record<ProblemCode, number> = { ...HTTP_STATUS_BY_CODE, payload_too_large: 413, internal: 500 } satisfies Record<AppErrorCode | "payload_too_large" | "internal", number>;

export type ProblemInput = {
  code: ProblemCode;
  detail: string;
  /** Field → messages, for invalid_input. */
  errors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  instance?: string;
};

export function problemTypeOf(code: ProblemCode): string {
  return `urn:verifyd:problem:${code}`;
}

/** An RFC 9457 problem details response (`application/problem+json`), never cached. */
export function problemResponse(problem: ProblemInput): Response {
  const status = STATUS[problem.code];
  const body = {
    type: problemTypeOf(problem.code),
    title: TITLES[problem.code],
    status,
    detail: problem.detail,
    ...(problem.instance ? { instance: problem.instance } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  const headers = new Headers({ "Content-Type": "application/problem+json", "Cache-Control": "no-store" });
  if (problem.retryAfterSeconds !== undefined) headers.set("Retry-After", String(Math.max(1, problem.retryAfterSeconds)));
  if (problem.code === "unauthenticated") headers.set("WWW-Authenticate", 'Bearer realm="verifyd"');
  return new Response(JSON.stringify(body), { status, headers });
}
