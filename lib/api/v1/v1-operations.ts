import type { z } from "zod";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import {
  callerConfirmationResponse,
  confirmCallerInput,
  resetResponse,
  startResetInput,
  createdVerificationResponse,
  createVerificationInput,
  employeeListResponse,
  getVerificationInput,
  listVerificationsInput,
  searchEmployeesInput,
  verificationListResponse,
  verificationResponse,
} from "@/lib/api/v1/v1-schemas";

export type V1Operation = {
  operation: string;
  method: "GET" | "POST";
  /** OpenAPI path template; the route file lives at app/api/v1/<path with {x} as [x]>/route.ts. */
  path: string;
  scope: ApiKeyScope;
  summary: string;
  description: string;
  input: z.ZodObject<{ params: z.ZodObject; query: z.ZodObject; body?: z.ZodType }>;
  success: { status: 200 | 201 | 202; schema: z.ZodType; description: string };
  /** Problem statuses this operation can answer with besides 401, 403, 429 and 500 (every operation has those). */
  problems: Array<400 | 404 | 409 | 413>;
};

/** Every /api/v1 operation: the routes take their scope and input schema from here, the OpenAPI document everything. */
export const V1_OPERATIONS = {
  searchEmployees: {
    operation: "searchEmployees",
    method: "GET",
    path: "/employees",
    scope: "directory:search",
    summary: "Search the synced directory",
    description: "Names in any order, partly typed, without accents or with a typo; e-mail, login, employee number; phone numbers in any format. Ranked as in the console. Counted against the key's limit and the directory search ceiling (120 a minute); audited with a keyed hash of the query.",
    input: searchEmployeesInput,
    success: { status: 200, schema: employeeListResponse, description: "The best matches, best first." },
    problems: [400],
  },
  createVerification: {
    operation: "createVerification",
    method: "POST",
    path: "/verifications",
    scope: "verifications:create",
    summary: "Send an employee a verification link",
    description: "Opens a verification under the current policy and sends the single-use link by e-mail or text message, or returns it once (channel LINK) for you to hand over. An older open verification of the same employee and purpose is cancelled.",
    input: createVerificationInput,
    success: { status: 201, schema: createdVerificationResponse, description: "Created; poll getVerification (or subscribe to webhooks) for the decision." },
    problems: [400, 404, 409, 413],
  },
  listVerifications: {
    operation: "listVerifications",
    method: "GET",
    path: "/verifications",
    scope: "verifications:read",
    summary: "List verifications by ticket or employee",
    description: "Newest first. Filter by the ticket reference given at creation, or by employee.",
    input: listVerificationsInput,
    success: { status: 200, schema: verificationListResponse, description: "Matching verifications, newest first." },
    problems: [400],
  },
  getVerification: {
    operation: "getVerification",
    method: "GET",
    path: "/verifications/{verificationId}",
    scope: "verifications:read",
    summary: "Read one verification",
    description: "Status, assurance level and per-claim outcomes once decided. Never the values compared, the link or any code.",
    input: getVerificationInput,
    success: { status: 200, schema: verificationResponse, description: "The verification." },
    problems: [400, 404],
  },
  confirmCaller: {
    operation: "confirmCaller",
    method: "POST",
    path: "/verifications/{verificationId}/caller-confirmation",
    scope: "verifications:create",
    summary: "Confirm the caller with the code on the employee's screen",
    description: "Once VERIFIED, the employee's screen shows a short code; the caller reads it to your agent, who sends it here. It proves the person on the phone is the one who verified. Only the key that created the verification may confirm it; three wrong codes or ten minutes burn the code (send a new verification).",
    input: confirmCallerInput,
    success: { status: 200, schema: callerConfirmationResponse, description: "Whether the code matched." },
    problems: [400, 404, 409],
  },
  startReset: {
    operation: "startReset",
    method: "POST",
    path: "/verifications/{verificationId}/resets",
    scope: "resets:start",
    summary: "Reset the caller's password or MFA",
    description: "On a VERIFIED verification this key created, after confirmCaller, within the reset window and as the policy and the verification's purpose allow. Runs as a durable workflow: poll getVerification for its status. The employee sees any temporary password on their own screen; it never passes through the API. Administrator accounts are refused. Starting the same action twice returns the first reset.",
    input: startResetInput,
    success: { status: 202, schema: resetResponse, description: "Accepted: the reset runs in the background." },
    problems: [400, 404, 409],
  },
} as const satisfies Record<string, V1Operation>;
