import { z } from "zod";
import { AGENT_PURPOSES, createVerificationInputSchema } from "@/lib/verification/requests/create-verification-schema";

/**
 * The /api/v1 contract: every route parses its input with these schemas, and the OpenAPI document
 * (build-openapi-document.ts) is generated from the very same objects, so the two cannot drift apart.
 */
const uuid = z.uuid({ error: "Expected a UUID." });

export const VERIFICATION_STATUSES = ["PENDING", "OPENED", "IN_PROGRESS", "VERIFIED", "FAILED", "EXPIRED", "CANCELLED"] as const;
/** LINK: no message is sent; the response carries the single-use link to hand over (chat, screen share). */
export const API_CHANNELS = ["EMAIL", "SMS", "LINK"] as const;

export const employeeSchema = z
  .object({
    id: uuid,
    name: z.string(),
    login: z.string(),
    email: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    membership: z.enum(["ACTIVE", "INACTIVE"]).describe("INACTIVE: left the synced group; cannot be verified."),
    accountStatus: z.string(),
  })
  .meta({ id: "Employee" });

export const claimResultSchema = z
  .object({
    claim: z.string().describe("firstName, lastName, dateOfBirth, …"),
    outcome: z.string().describe("MATCHED, MISMATCHED, NOT_IN_EVIDENCE, …: never the values compared."),
    requirement: z.string().describe("REQUIRED, OPTIONAL or IGNORED under the policy."),
  })
  .meta({ id: "ClaimResult" });

export const resetSchema = z
  .object({
    id: uuid,
    action: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]),
    status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "REFUSED"]).describe("REFUSED: the account holds an administrator role; nothing was changed."),
    reference: z.string().describe("The 8-character reference the employee's notice carries."),
    failureReason: z.string().nullable(),
  })
  .meta({ id: "Reset" });

export const verificationSchema = z
  .object({
    id: uuid,
    employeeId: uuid.nullable(),
    purpose: z.enum([...AGENT_PURPOSES, "ACCOUNT_RECOVERY", "IDP_VERIFICATION"]),
    status: z.enum(VERIFICATION_STATUSES),
    ticket: z.string().nullable().describe("The external ticket reference given at creation."),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    assuranceLevel: z.string().nullable().describe("The assurance level the evidence reached, once decided."),
    meetsPolicy: z.boolean().nullable(),
    claims: z.array(claimResultSchema).describe("Per-claim outcomes once decided; empty before."),
    failureReason: z.string().nullable(),
    callerConfirmedAt: z.iso.datetime().nullable().describe("When the caller read back the code on the employee's screen (confirmCaller)."),
    resets: z.array(resetSchema),
  })
  .meta({ id: "Verification" });

export const searchEmployeesInput = z.object({
  params: z.object({}),
  query: z.object({
    q: z.string().trim().min(2, "Search for at least 2 characters.").max(100, "Search for at most 100 characters.").describe("Name, e-mail, login, employee number or phone number, as an agent would type it."),
    limit: z.coerce.number<string>().int().min(1).max(100).default(20),
    membership: z.enum(["ACTIVE", "INACTIVE", "ALL"]).default("ACTIVE"),
  }),
});

export const createVerificationBody = createVerificationInputSchema
  .omit({ channel: true })
  .extend({ channel: z.enum(API_CHANNELS, { error: "Choose EMAIL, SMS or LINK." }).default("EMAIL") })
  .strict();

export const createVerificationInput = z.object({ params: z.object({}), query: z.object({}), body: createVerificationBody });

export const getVerificationInput = z.object({ params: z.object({ verificationId: uuid }), query: z.object({}) });

export const listVerificationsInput = z.object({
  params: z.object({}),
  query: z.object({
    ticket: z.string().trim().min(1).max(64).optional().describe("Only the verifications carrying this ticket reference."),
    employeeId: uuid.optional(),
    limit: z.coerce.number<string>().int().min(1).max(100).default(20),
  }),
});

export const employeeListResponse = z.object({ data: z.array(employeeSchema) });
export const verificationResponse = z.object({ data: verificationSchema });
export const createdVerificationResponse = z.object({
  data: verificationSchema,
  link: z.url().optional().describe("Only for channel LINK: the single-use link, returned this once and never again."),
});
export const verificationListResponse = z.object({ data: z.array(verificationSchema) });

export const confirmCallerInput = z.object({
  params: z.object({ verificationId: uuid }),
  query: z.object({}),
  body: z.object({ code: z.string().trim().min(1, "Send the code the caller reads from their screen.").max(20).describe("As the caller reads it, e.g. K7Q-M4P; case and dashes do not matter.") }).strict(),
});

export const startResetInput = z.object({
  params: z.object({ verificationId: uuid }),
  query: z.object({}),
  body: z.object({ action: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"], { error: "Choose PASSWORD_RESET, MFA_RESET or ACCOUNT_UNLOCK." }) }).strict(),
});

export const callerConfirmationResponse = z.object({
  confirmed: z.boolean(),
  attemptsLeft: z.number().int().min(0).optional().describe("When not confirmed: wrong codes left before the code is burnt (3 in all)."),
});
export const resetResponse = z.object({ data: resetSchema });
